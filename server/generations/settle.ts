import type IORedis from 'ioredis';
import { and, eq, inArray } from 'drizzle-orm';
import { db as appDb, type Db, type Tx } from '../db/client';
import { generations, images } from '../db/schema';
import { effectiveSteps } from '../../domain/generation-params';
import { refundGeneration } from '../billing/ledger';
import { toGeneratedImage } from '../gallery/image-urls';
import { redis as webRedis } from '../redis/connection';
import { userEvents, type UserEvents } from '../realtime/emitter';
import { deleteCheckpoint } from './checkpoints';
import { lockGenerationOwner } from './locks';
import { clearProgress } from './progress';
import { emitGenerationSettled } from '../webhooks/generation-events';

export type StoredImage = {
  index: number;
  key: string;
  thumbKey: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  sha256: string;
  seed: number;
  nsfwScores?: Record<string, number>;
  moderation?: 'clear' | 'review';
  watermarkId?: string | null;
};

/** Where a queued or running generation goes next, with what that change carries. */
export type Outcome =
  /** `blocked`: images of the generation the classifier blocked (not stored); their share of the cost is refunded. */
  | { status: 'succeeded'; images: StoredImage[]; blocked?: number; timings: Record<string, unknown>; warnings?: string[] }
  /** `reason` is what the user reads; the ledger says `Refund: <reason>` unless `refundReason` is given. */
  | { status: 'failed'; reason: string; refundReason?: string }
  /** The classifier blocked the finished image: nothing was stored, so all is refunded. */
  | { status: 'blocked'; reason: string }
  | { status: 'cancelled'; completedSteps: number }
  /** Back to the queue (a retry, a shutdown, a job BullMQ put back); the checkpoint stays for the resume. No `error` keeps the row's. */
  | { status: 'queued'; error?: string | null; position: number | null };

type ImageRow = typeof images.$inferSelect;

/** What each outcome tells its caller; `changed` is false when another call got there first. */
export type Settled = {
  succeeded: { changed: boolean; images: ImageRow[]; refunded: number };
  failed: { changed: boolean; refunded: boolean };
  blocked: { changed: boolean; refunded: boolean };
  cancelled: { changed: boolean; refunded: number };
  queued: { changed: boolean };
};

/** The connections the gate writes through: the worker passes its own, the web its singletons. */
export type SettleDeps = { db: Db; redis: IORedis; events: UserEvents };

export const webSettleDeps = (): SettleDeps => ({ db: appDb(), redis: webRedis(), events: userEvents() });

/**
 * Cancel rule: a generation stopped after `completed` of the `steps` it runs (effectiveSteps:
 * its cost was priced on those) pays for the steps it ran and gets the rest back; one cancelled
 * before its first step is refunded in full.
 */
export function cancelRefund(cost: number, completed: number, steps: number): number {
  if (steps <= 0 || completed <= 0) return cost;
  return cost - Math.ceil((cost * Math.min(completed, steps)) / steps);
}

type Change = { result: Settled[keyof Settled]; notify: (events: UserEvents) => void | Promise<void> };
type Status = (typeof generations.status.enumValues)[number];

/** The guarded update: the row changes only from one of `from`, so a second caller changes nothing. */
async function transition(tx: Tx, id: string, from: Status[], set: Partial<typeof generations.$inferInsert>) {
  const [row] = await tx
    .update(generations)
    .set(set)
    .where(and(eq(generations.id, id), inArray(generations.status, from)))
    .returning({ cost: generations.cost, params: generations.params });
  return row ?? null;
}

async function write(tx: Tx, id: string, o: Outcome): Promise<Change | null> {
  const owner = await lockGenerationOwner(tx, id);
  if (!owner) return null;
  const userId = owner.id;
  const finishedAt = new Date();
  switch (o.status) {
    case 'succeeded': {
      // Only the worker that ran it finishes it; images and the status land together.
      const row = await transition(tx, id, ['running'], { status: 'succeeded', finishedAt, timings: o.timings, warnings: o.warnings ?? [], error: null });
      if (!row) return null;
      const inserted = o.images.length ? await tx.insert(images).values(o.images.map((s) => ({ ...s, generationId: id, userId }))).returning() : [];
      // Paid per image: those blocked were not delivered, so their share comes back (rounded as a cancel's is).
      const blocked = o.blocked ?? 0;
      const n = o.images.length + blocked;
      const refunded = blocked > 0 ? await refundGeneration(tx, id, `Refund: ${blocked} of ${n} images blocked by the content filter`, cancelRefund(row.cost, o.images.length, n)) : 0;
      return {
        result: { changed: true, images: inserted, refunded },
        notify: async (events) => events.emit(userId, 'generation:done', { id, images: await Promise.all(inserted.map(toGeneratedImage)) }),
      };
    }
    case 'failed':
    case 'blocked': {
      const row = await transition(tx, id, ['queued', 'running'], { status: o.status, error: o.reason, finishedAt });
      if (!row) return null;
      const reason =
        o.status === 'blocked' ? 'Refund: the image was blocked by the content filter' : (o.refundReason ?? `Refund: ${o.reason}`);
      const refunded = (await refundGeneration(tx, id, reason)) > 0;
      return { result: { changed: true, refunded }, notify: (events) => events.emit(userId, 'generation:failed', { id, error: o.reason, refunded }) };
    }
    case 'cancelled': {
      const row = await transition(tx, id, ['queued', 'running'], { status: 'cancelled', error: null, finishedAt });
      if (!row) return null;
      // The worker counts completed steps among those that run: strength x steps for image-to-image.
      const steps = effectiveSteps({ ...row.params, strength: row.params.strength ?? 1 });
      const k = o.completedSteps;
      const portion = cancelRefund(row.cost, k, steps);
      const refunded = await refundGeneration(tx, id, k > 0 ? `Cancelled after ${k} of ${steps} steps` : 'Cancelled', portion);
      return { result: { changed: true, refunded }, notify: (events) => events.emit(userId, 'generation:cancelled', { id, refunded }) };
    }
    case 'queued': {
      const row = await transition(tx, id, ['running'], o.error === undefined ? { status: 'queued' } : { status: 'queued', error: o.error });
      if (!row) return null;
      return { result: { changed: true }, notify: (events) => events.emit(userId, 'generation:queued', { id, position: o.position }) };
    }
  }
}

function unchanged(status: Outcome['status']): Settled[keyof Settled] {
  if (status === 'succeeded') return { changed: false, images: [], refunded: 0 };
  if (status === 'cancelled') return { changed: false, refunded: 0 };
  if (status === 'queued') return { changed: false };
  return { changed: false, refunded: false };
}

/**
 * The one gate every terminal or requeue transition of a generation goes through. In one
 * transaction (owner's row, then the generation's: see locks.ts) it makes the guarded status
 * change and the refund the outcome's rule gives (the ledger's unique key keeps it at most
 * once); then, only when this call changed the status, it clears the live progress and the
 * checkpoint (not on a requeue, which resumes from it) and tells the user, once.
 * Safe to call from several places for the same generation: the later calls change nothing.
 */
export async function settleGeneration<O extends Outcome>(deps: SettleDeps, id: string, outcome: O): Promise<Settled[O['status']]> {
  const change = await deps.db.transaction((tx) => write(tx, id, outcome));
  if (!change) return unchanged(outcome.status) as Settled[O['status']];
  if (outcome.status !== 'queued') {
    await Promise.all([
      clearProgress(deps.redis, id).catch(() => {}),
      deleteCheckpoint(deps.redis, id).catch((err: Error) => console.warn(`[generations] checkpoint of ${id} left to expire: ${err.message}`)),
    ]);
  }
  try {
    await change.notify(deps.events);
  } catch (err) {
    console.error(`[generations] the ${outcome.status} event of ${id} was not sent: ${(err as Error).message}`);
  }
  // Webhooks are only recorded and queued here, never awaited: they cannot fail or slow the change.
  emitGenerationSettled(deps.db, id, outcome.status, change.result as { refunded?: number | boolean });
  return change.result as Settled[O['status']];
}
