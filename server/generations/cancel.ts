import 'server-only';
import { and, eq } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { generations } from '../db/schema';
import { findJob, forgetRelaxWaiting } from '../queue/generation-queue';
import { redis } from '../redis/connection';
import { requestCancel } from './cancel-signal';
import { settleGeneration, webSettleDeps } from './settle';

export type CancelOutcome =
  | { state: 'cancelled'; refunded: number; message: string }
  | { state: 'stopping'; message: string }
  | { state: 'already_finished'; message: string };

const FINISHED: Record<string, string> = {
  succeeded: 'This generation already finished; nothing to cancel.',
  failed: 'This generation already failed and was refunded; nothing to cancel.',
  cancelled: 'This generation is already cancelled.',
};

/**
 * Queued: the job is removed from the queue and the generation refunded in full. Running (the
 * job is locked by a worker, so removal fails): the worker is asked to stop at the next step
 * boundary and refunds the steps it did not run. Cancelling twice is harmless.
 */
export async function cancelGeneration(userId: string, id: string): Promise<Result<CancelOutcome>> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return fail('not_found', 'Generation not found.');
  const [row] = await db().select().from(generations).where(and(eq(generations.id, id), eq(generations.userId, userId)));
  if (!row) return fail('not_found', 'Generation not found.');
  if (FINISHED[row.status]) return ok({ state: 'already_finished', message: FINISHED[row.status] });

  const found = await findJob(id, row.tier);
  const removed = found ? await found.job.remove().then(() => true, () => false) : true;
  if (removed) {
    await forgetRelaxWaiting(id).catch(() => {});
    // The gate also drops a checkpoint a job requeued after a crash or shutdown may have left.
    const { changed, refunded } = await settleGeneration(webSettleDeps(), id, { status: 'cancelled', completedSteps: 0 });
    if (!changed) return ok({ state: 'already_finished', message: 'This generation already finished.' });
    return ok({ state: 'cancelled', refunded, message: `Cancelled. ${refunded} credits refunded.` });
  }
  await requestCancel(redis(), id);
  return ok({ state: 'stopping', message: 'Stopping after the current step…' });
}
