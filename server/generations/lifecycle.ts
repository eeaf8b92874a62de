import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { PLAN_RULES } from '../../domain/plans';
import type { Db, Tx } from '../db/client';
import { generations, images, users } from '../db/schema';
import { refundGeneration } from '../billing/ledger';

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

/**
 * Every write that touches a generation and its owner's credits takes the owner's row lock
 * first (as create and markRunning do), so two of them can never wait on each other in opposite
 * orders: users row, then generations row.
 */
async function lockOwner(tx: Tx, generationId: string): Promise<void> {
  const [g] = await tx.select({ userId: generations.userId }).from(generations).where(eq(generations.id, generationId));
  if (g) await tx.select({ id: users.id }).from(users).where(eq(users.id, g.userId)).for('update');
}

/**
 * Claims a generation for running. Returns the row, `limited` when its user already has as many
 * generations running as the plan allows (the job should wait), or null when it already ended.
 * The user's row lock makes the count and the claim one step across all workers.
 */
export async function markRunning(db: Db, id: string) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ userId: generations.userId }).from(generations).where(eq(generations.id, id));
    if (!current) return null;
    const [user] = await tx.select({ plan: users.plan }).from(users).where(eq(users.id, current.userId)).for('update');
    const [{ running }] = await tx
      .select({ running: sql<number>`count(*)::int` })
      .from(generations)
      .where(and(eq(generations.userId, current.userId), eq(generations.status, 'running'), ne(generations.id, id)));
    if (user && running >= PLAN_RULES[user.plan].maxRunning) return 'limited' as const;
    const [row] = await tx
      .update(generations)
      .set({ status: 'running', startedAt: new Date(), attempts: sql`${generations.attempts} + 1` })
      .where(and(eq(generations.id, id), inArray(generations.status, ['queued', 'running'])))
      .returning();
    return row ?? null;
  });
}

/** Images and the succeeded status land together; a second call for the same generation changes nothing. */
export async function completeGeneration(
  db: Db,
  g: { id: string; userId: string },
  stored: StoredImage[],
  timings: Record<string, unknown>,
  warnings: string[] = [],
) {
  return db.transaction(async (tx) => {
    await lockOwner(tx, g.id);
    const [row] = await tx
      .update(generations)
      .set({ status: 'succeeded', finishedAt: new Date(), timings, warnings, error: null })
      .where(and(eq(generations.id, g.id), eq(generations.status, 'running')))
      .returning({ id: generations.id });
    if (!row) return [];
    return tx
      .insert(images)
      .values(stored.map((s) => ({ ...s, generationId: g.id, userId: g.userId })))
      .returning();
  });
}

/** Sets a final status and refunds in full, both or neither; a generation already ended is left alone. */
async function endWithRefund(db: Db, id: string, end: { status: 'failed' | 'blocked'; error: string; refundReason: string }) {
  return db.transaction(async (tx) => {
    await lockOwner(tx, id);
    const [row] = await tx
      .update(generations)
      .set({ status: end.status, error: end.error, finishedAt: new Date() })
      .where(and(eq(generations.id, id), inArray(generations.status, ['queued', 'running'])))
      .returning({ id: generations.id });
    if (!row) return { changed: false, refunded: false };
    const refunded = (await refundGeneration(tx, id, end.refundReason)) > 0;
    return { changed: true, refunded };
  });
}

/**
 * Ends a generation as failed and refunds it, both or neither. Safe to call from several places
 * (the processor's last attempt, the worker's failed event): the status guard and the ledger's
 * unique key make the second call a no-op.
 */
export function failGeneration(db: Db, id: string, reason: string): Promise<{ changed: boolean; refunded: boolean }> {
  return endWithRefund(db, id, { status: 'failed', error: reason, refundReason: `Refund: ${reason}` });
}

/** Ends a generation whose finished image the classifier blocked: nothing was stored, so all is refunded. */
export function blockGeneration(db: Db, id: string, reason: string): Promise<{ changed: boolean; refunded: boolean }> {
  return endWithRefund(db, id, { status: 'blocked', error: reason, refundReason: 'Refund: the image was blocked by the content filter' });
}

/**
 * Cancel rule: a generation stopped after `completed` of `steps` steps pays for the steps it
 * ran and gets the rest back; one cancelled before its first step is refunded in full.
 */
export function cancelRefund(cost: number, completed: number, steps: number): number {
  if (steps <= 0 || completed <= 0) return cost;
  return cost - Math.ceil((cost * Math.min(completed, steps)) / steps);
}

/** Ends a queued or running generation as cancelled and refunds by the cancel rule, once. */
export async function markCancelled(db: Db, id: string, completed: number): Promise<{ changed: boolean; refunded: number }> {
  return db.transaction(async (tx) => {
    await lockOwner(tx, id);
    const [row] = await tx
      .update(generations)
      .set({ status: 'cancelled', error: null, finishedAt: new Date() })
      .where(and(eq(generations.id, id), inArray(generations.status, ['queued', 'running'])))
      .returning({ cost: generations.cost, params: generations.params });
    if (!row) return { changed: false, refunded: 0 };
    const portion = cancelRefund(row.cost, completed, row.params.steps);
    const refunded = await refundGeneration(tx, id, completed > 0 ? `Cancelled after ${completed} of ${row.params.steps} steps` : 'Cancelled', portion);
    return { changed: true, refunded };
  });
}
