import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { generations } from '../db/schema';
import { findJob, forgetRelaxWaiting } from '../queue/generation-queue';
import { redis } from '../redis/connection';
import { userEvents } from '../realtime/emitter';
import { requestCancel } from './cancel-signal';
import { deleteCheckpoint } from './checkpoints';
import { markCancelled } from './lifecycle';

export type CancelResult =
  | { ok: true; state: 'cancelled'; refunded: number; message: string }
  | { ok: true; state: 'stopping'; message: string }
  | { ok: true; state: 'already_finished'; message: string }
  | { ok: false; error: { code: 'not_found'; message: string } };

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
export async function cancelGeneration(userId: string, id: string): Promise<CancelResult> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return { ok: false, error: { code: 'not_found', message: 'Generation not found.' } };
  const [row] = await db().select().from(generations).where(and(eq(generations.id, id), eq(generations.userId, userId)));
  if (!row) return { ok: false, error: { code: 'not_found', message: 'Generation not found.' } };
  if (FINISHED[row.status]) return { ok: true, state: 'already_finished', message: FINISHED[row.status] };

  const found = await findJob(id, row.tier);
  const removed = found ? await found.job.remove().then(() => true, () => false) : true;
  if (removed) {
    await forgetRelaxWaiting(id).catch(() => {});
    // A job requeued after a crash or shutdown may have left a checkpoint; it will never resume.
    await deleteCheckpoint(redis(), id).catch(() => {});
    const { changed, refunded } = await markCancelled(db(), id, 0);
    if (!changed) return { ok: true, state: 'already_finished', message: 'This generation already finished.' };
    userEvents().emit(userId, 'generation:cancelled', { id, refunded });
    return { ok: true, state: 'cancelled', refunded, message: `Cancelled. ${refunded} credits refunded.` };
  }
  await requestCancel(redis(), id);
  return { ok: true, state: 'stopping', message: 'Stopping after the current step…' };
}
