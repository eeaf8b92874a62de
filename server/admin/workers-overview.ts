import 'server-only';
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from '../db/client';
import { fail, ok, type Result } from '../../domain/result';
import { generations, workers } from '../db/schema';
import { TIERS, type Tier } from '../../domain/plans';
import { tierQueue } from '../queue/generation-queue';

/** The health check's rule: three missed heartbeats (one every 10 s) and a worker is stale. */
export const WORKER_STALE_SECONDS = 30;

// Ages come from Postgres' clock, the one that stamped the heartbeats.
const ageSeconds = sql<number>`extract(epoch from now() - ${workers.heartbeatAt})`.mapWith(Number);

/** Every registered worker (a dead one's row is deleted after two minutes), with the job it runs. */
export async function listWorkers(ex: Executor) {
  const rows = await ex
    .select({
      id: workers.id,
      host: workers.host,
      executionProvider: workers.executionProvider,
      installedModels: workers.installedModels,
      warmModels: workers.warmModels,
      currentJob: workers.currentJob,
      currentTier: generations.tier,
      currentModel: sql<string | null>`${generations.params}->>'model'`,
      stepsPerSecond: workers.stepsPerSecond,
      startedAt: workers.startedAt,
      heartbeatAt: workers.heartbeatAt,
      ageSeconds,
    })
    .from(workers)
    .leftJoin(generations, eq(generations.id, workers.currentJob))
    .orderBy(asc(workers.host), asc(workers.id));
  return rows.map((w) => ({ ...w, isOnline: w.ageSeconds < WORKER_STALE_SECONDS }));
}

export type WorkerInfo = Awaited<ReturnType<typeof listWorkers>>[number];

export async function countOnlineWorkers(ex: Executor): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(workers)
    .where(sql`${workers.heartbeatAt} > now() - make_interval(secs => ${WORKER_STALE_SECONDS})`);
  return row.n;
}

/** BullMQ's view of a tier. waiting includes prioritized jobs (every job here has a priority). */
export type TierCounts = { tier: Tier; waiting: number; delayed: number; active: number; failed: number; completed: number };

const REDIS_TIMEOUT_MS = 3000;

/** Per-tier job counts, or why Redis could not say (the page still shows what Postgres knows). */
export async function queueCounts(): Promise<Result<{ tiers: TierCounts[] }>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS / 1000} s`)), REDIS_TIMEOUT_MS);
  });
  try {
    const tiers = await Promise.race([
      Promise.all(
        TIERS.map(async (tier) => {
          const c = await tierQueue(tier).getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed', 'completed');
          return { tier, waiting: c.waiting + c.prioritized, delayed: c.delayed, active: c.active, failed: c.failed, completed: c.completed };
        }),
      ),
      timeout,
    ]);
    return ok({ tiers });
  } catch (e) {
    return fail('unavailable', `Queue counts are unavailable: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Postgres' view: generations queued and running per tier, to compare with the queues. */
export async function generationsByTier(ex: Executor) {
  const rows = await ex
    .select({ tier: generations.tier, status: generations.status, n: count() })
    .from(generations)
    .where(inArray(generations.status, ['queued', 'running']))
    .groupBy(generations.tier, generations.status);
  const byTier = Object.fromEntries(TIERS.map((t) => [t, { queued: 0, running: 0 }])) as Record<Tier, { queued: number; running: number }>;
  for (const r of rows) byTier[r.tier][r.status as 'queued' | 'running'] = r.n;
  return byTier;
}

/** The workers page: who is registered, and the queues as BullMQ and Postgres each see them. */
export async function workersOverview(ex: Executor = db()) {
  const [list, queues, byTier] = await Promise.all([listWorkers(ex), queueCounts(), generationsByTier(ex)]);
  return { workers: list, queues, generations: byTier };
}
