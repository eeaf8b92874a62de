import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { payments } from '../../db/billing-schema';
import { appendEntry } from '../ledger';

type Payment = typeof payments.$inferSelect;
const TERMINAL = ['paid', 'failed'];

/**
 * Marks a payment paid and adds its credits, once: the ledger key is the payment's id, so
 * `completed` and `async_payment_succeeded` (or a redelivery) cannot add them twice. A plan's
 * Checkout session adds nothing itself; its invoices carry the credits.
 */
export async function settlePayment(tx: Tx, payment: Payment, paymentIntent: string | null | undefined): Promise<boolean> {
  await tx
    .update(payments)
    .set({ status: 'paid', paymentIntent: paymentIntent ?? payment.paymentIntent, updatedAt: sql`now()` })
    .where(eq(payments.id, payment.id));
  if (payment.kind === 'plan' && payment.id.startsWith('cs_')) return false;
  return appendEntry(tx, {
    userId: payment.userId,
    kind: payment.kind === 'pack' ? 'purchase' : 'subscription',
    amount: payment.credits,
    reason: payment.kind === 'pack' ? payment.description : `${payment.description}: monthly credits`,
    uniqueKey: `stripe:payment:${payment.id}`,
    paymentId: payment.id,
  });
}

/** Moves a payment to a non-paid state; paid and failed are final, so late events cannot undo them. */
export async function markPayment(tx: Tx, payment: Payment, status: 'processing' | 'failed' | 'expired', paymentIntent?: string | null) {
  if (TERMINAL.includes(payment.status)) return false;
  if (status === 'expired' && payment.status !== 'open') return false;
  await tx
    .update(payments)
    .set({ status, paymentIntent: paymentIntent ?? payment.paymentIntent, updatedAt: sql`now()` })
    .where(eq(payments.id, payment.id));
  return true;
}
