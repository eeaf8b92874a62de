import path from 'node:path';
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { eq } from 'drizzle-orm';
import { TIERS, type Plan } from '../../domain/plans';
import { generations, users } from '../../server/db/schema';
import type { WorkerOptions } from '../assemble-worker';
import { setupTestEnv } from '../../server/testing/test-env';
import { createDb } from '../../server/db/client';

/**
 * A real generation stack for integration tests: private Postgres database and Redis prefix,
 * the worker exactly as `worker/main.ts` assembles it (processor, failure handler, heartbeat,
 * cancel listener, tier dispatcher) on the shipped models, local storage.
 * Modules that read env() are imported only after the environment is set.
 */
type HarnessOptions = {
  stepDelayMs?: number;
  relaxMaxWaitMs?: number;
  concurrency?: number;
  /** The worker's own database URL, e.g. through a proxy a test can cut. */
  workerDbUrl?: (url: string) => string;
  handOff?: WorkerOptions['handOff'];
  /** Off by default: the reconcile tests run it by hand, on queue state they damaged on purpose. */
  reconcileEveryMs?: number;
};

export async function startHarness(opts: HarnessOptions = {}) {
  const t = await setupTestEnv();
  process.env.MODELS_DIR = path.resolve(__dirname, '..', 'models');
  // The random-weight tiny model is several times faster than the demo model; tests that care
  // about images name their model.
  process.env.DEFAULT_MODEL = 'tiny-sd';
  const [{ createGeneration }, { cancelGeneration }, { signUp }, ledger, settle, { storageFromEnv }, queueMod, { env }] =
    await Promise.all([
      import('../../server/generations/create'),
      import('../../server/generations/cancel'),
      import('../../server/auth/users'),
      import('../../server/billing/ledger'),
      import('../../server/generations/settle'),
      import('../../server/storage'),
      import('../../server/queue/generation-queue'),
      import('../../server/env'),
    ]);
  const [{ startWorker }, { WarmPool }, { UserEvents }, { createRedis }, { registerModels }, { listModels }] = await Promise.all([
    import('../assemble-worker'),
    import('../models/warm-pool'),
    import('../../server/realtime/emitter'),
    import('../../server/redis/connection'),
    import('../../server/models/registry'),
    import('../../server/models/list-models'),
  ]);
  // A model some worker registered but this one lacks: accepted at submit, refused by the worker.
  await registerModels(t.db, [
    { id: 'tiny-sd', displayName: 'Tiny', nativeWidth: 512, nativeHeight: 512 },
    { id: 'ghost-model', displayName: 'Ghost', nativeWidth: 512, nativeHeight: 512 },
  ]);
  // The test's own connection (progress reads, a settle by hand); the worker opens its own.
  const redis = new IORedis(env().REDIS_URL, { maxRetriesPerRequest: null });
  const settleDeps = { db: t.db, redis, events: new UserEvents(redis) };
  const storage = storageFromEnv();
  const pool = new WarmPool({ modelsDir: env().MODELS_DIR, executionProvider: 'cpu', maxMegabytes: 512 });
  const workerDb = opts.workerDbUrl ? createDb(opts.workerDbUrl(t.url), 4) : t.db;
  const running = await startWorker({
    workerId: `harness-${randomUUID().slice(0, 8)}`,
    db: workerDb,
    connect: () => createRedis('worker'),
    prefix: env().REDIS_PREFIX,
    storage,
    pool,
    appVersion: 'test',
    executionProvider: 'cpu',
    installedModels: (await listModels(env().MODELS_DIR)).map((m) => m.id),
    concurrency: opts.concurrency ?? 1,
    stalledIntervalMs: 30_000,
    relaxMaxWaitMs: opts.relaxMaxWaitMs ?? 300_000,
    stepDelayMs: opts.stepDelayMs,
    reconcileEveryMs: opts.reconcileEveryMs ?? 0,
    handOff: opts.handOff,
  });
  const worker = running.dispatcher;

  async function newUser(plan: Plan = 'free'): Promise<string> {
    const r = await signUp({ email: `u-${Math.random().toString(36).slice(2)}@example.com`, password: 'password123' });
    if (!r.ok) throw new Error(r.error.message);
    if (plan !== 'free') await t.db.update(users).set({ plan }).where(eq(users.id, r.value.id));
    return r.value.id;
  }

  /** Waits (polling Postgres, with a deadline) until the generation has ended, and returns its row. */
  async function finished(id: string, timeoutMs = 60_000) {
    for (const until = Date.now() + timeoutMs; ; ) {
      const [row] = await t.db.select().from(generations).where(eq(generations.id, id));
      if (!row || ['succeeded', 'failed', 'cancelled', 'blocked'].includes(row.status) || Date.now() > until) return row;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  return {
    db: t.db,
    env,
    findJob: queueMod.findJob,
    worker,
    storage,
    redis,
    createGeneration,
    cancelGeneration,
    ledger,
    settle,
    /** What the gate writes through, for a test that settles or reconciles by hand. */
    settleDeps,
    queueMod,
    newUser,
    finished,
    async stop() {
      await running.stop();
      await pool.releaseAll();
      if (workerDb !== t.db) await workerDb.$client.end({ timeout: 2 });
      for (const tier of TIERS) {
        const q = queueMod.tierQueue(tier);
        await q.obliterate({ force: true }).catch(() => {});
        await q.close();
      }
      await redis.quit().catch(() => {});
      await t.teardown();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
