import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { PLAN_RULES } from '../../domain/plans';
import type { Db } from '../db/client';
import { generations } from '../db/schema';
import { lockGenerationOwner } from './locks';
import { emitGenerationStarted } from '../webhooks/generation-events';

/**
 * Claims a generation for running. Returns the row, `limited` when its user already has as many
 * generations running as the plan allows (the job should wait), or null when it already ended.
 * The user's row lock makes the count and the claim one step across all workers.
 */
export async function claimGeneration(db: Db, id: string) {
  const claimed = await db.transaction(async (tx) => {
    const owner = await lockGenerationOwner(tx, id);
    if (!owner) return null;
    const [{ running }] = await tx
      .select({ running: sql<number>`count(*)::int` })
      .from(generations)
      .where(and(eq(generations.userId, owner.id), eq(generations.status, 'running'), ne(generations.id, id)));
    if (running >= PLAN_RULES[owner.plan].maxRunning) return 'limited' as const;
    const [row] = await tx
      .update(generations)
      .set({ status: 'running', startedAt: new Date(), attempts: sql`${generations.attempts} + 1` })
      .where(and(eq(generations.id, id), inArray(generations.status, ['queued', 'running'])))
      .returning();
    return row ?? null;
  });
  // After the commit; never awaited, so a webhook cannot hold up the job.
  if (claimed && claimed !== 'limited') emitGenerationStarted(db, claimed);
  return claimed;
}
