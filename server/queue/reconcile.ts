import { and, inArray, lt, sql } from 'drizzle-orm';
import { generations } from '../db/schema';
import { settleGeneration, type SettleDeps } from '../generations/settle';
import { findJob, enqueueGeneration } from './generation-queue';

export type Repair = { id: string; action: 'requeued' | 'failed' | 'back_to_queued' };

/** Rows younger than this may be between their insert and their enqueue (or their first claim). */
const GRACE_SECONDS = 60;

/**
 * Compares generations that Postgres calls queued or running with what the tier queues hold,
 * and repairs the difference, so no row waits forever and no accepted job is lost:
 * - queued, but no job in Redis (Redis lost it): enqueue it again (job id = generation id);
 * - running, but the job is waiting again (a retry after a crash): mark it queued;
 * - running or queued, but the job failed for good or is gone after running: fail and refund.
 * Status changes go through the settle gate, so the user hears of them as of any other.
 * Safe to run from every worker at once: each repair is idempotent.
 */
export async function reconcile(deps: SettleDeps): Promise<Repair[]> {
  const rows = await deps.db
    .select({ id: generations.id, userId: generations.userId, status: generations.status, tier: generations.tier, params: generations.params })
    .from(generations)
    .where(and(inArray(generations.status, ['queued', 'running']), lt(generations.createdAt, sql`now() - make_interval(secs => ${GRACE_SECONDS})`)));
  const repairs: Repair[] = [];
  for (const row of rows) {
    const found = await findJob(row.id, row.tier);
    const state = found ? await found.job.getState() : 'missing';
    if (state === 'active' || state === 'delayed' || ((state === 'waiting' || state === 'prioritized') && row.status === 'queued')) continue;
    if (state === 'waiting' || state === 'prioritized') {
      const { changed } = await settleGeneration(deps, row.id, { status: 'queued', position: null });
      if (changed) repairs.push({ id: row.id, action: 'back_to_queued' });
    } else if (state === 'missing' && row.status === 'queued') {
      await enqueueGeneration({ generationId: row.id, userId: row.userId, model: row.params.model }, row.tier, 1);
      repairs.push({ id: row.id, action: 'requeued' });
    } else {
      const reason = state === 'failed' ? 'The generation failed on every attempt.' : 'The generation was lost by the queue.';
      const { changed } = await settleGeneration(deps, row.id, { status: 'failed', reason });
      if (changed) repairs.push({ id: row.id, action: 'failed' });
    }
  }
  return repairs;
}
