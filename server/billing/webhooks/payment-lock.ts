import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/**
 * Serialises the events about one payment intent (its payment being recorded, its refunds and
 * disputes), so a refund cannot be deferred in the instant after its payment was recorded and
 * the deferred events replayed: whichever runs second sees the first.
 */
export async function lockPaymentIntent(tx: Tx, paymentIntent: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stripe:pi:${paymentIntent}`}, 0))`);
}
