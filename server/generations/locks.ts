import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { generations, users } from '../db/schema';

/**
 * The one lock order for every write that touches a generation and its owner's credits: the
 * owner's users row first (FOR UPDATE), then the generation row (by the UPDATE that follows).
 * Claim and settle take it here; create takes the same users row (lockUserCredits) before it
 * inserts the generation; the ledger takes it again, which its holder already has. So no two of
 * them can wait on each other in opposite orders.
 * Returns the owner, or null when the generation does not exist.
 */
export async function lockGenerationOwner(tx: Tx, generationId: string) {
  const [g] = await tx.select({ userId: generations.userId }).from(generations).where(eq(generations.id, generationId));
  if (!g) return null;
  const [owner] = await tx.select({ id: users.id, plan: users.plan }).from(users).where(eq(users.id, g.userId)).for('update');
  return owner ?? null;
}
