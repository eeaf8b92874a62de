import { and, eq, like, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { payments } from '../../db/billing-schema';
import { creditLedger } from '../../db/schema';
import { appendEntry } from '../ledger';
import { chargeSchema, disputeSchema } from './event-schemas';
import { ignored, type Outcome } from './outcome';
import { lockPaymentIntent } from './payment-lock';

/** Credits already taken back from a payment: in all, and by the sources whose keys start with `prefix`. */
async function clawedBack(tx: Tx, paymentId: string, prefix: string): Promise<{ total: number; fromSource: number }> {
  const [row] = await tx
    .select({
      total: sql<string>`coalesce(-sum(${creditLedger.amount}), 0)`,
      fromSource: sql<string>`coalesce(-sum(${creditLedger.amount}) filter (where ${like(creditLedger.uniqueKey, `${prefix}%`)}), 0)`,
    })
    .from(creditLedger)
    .where(and(eq(creditLedger.paymentId, paymentId), eq(creditLedger.kind, 'clawback')));
  return { total: Number(row.total), fromSource: Number(row.fromSource) };
}

/**
 * Takes back the credits a refunded or disputed share of a payment bought, rounded up, never
 * more than the payment added in all. The balance may go negative: the credits were spent.
 * A refund or dispute for a payment not recorded yet (events out of order) waits for it.
 */
async function clawBack(tx: Tx, paymentIntent: string | null | undefined, source: { key: string; prefix: string; amount: number; label: string }): Promise<Outcome> {
  if (!paymentIntent) return ignored('no payment intent');
  await lockPaymentIntent(tx, paymentIntent);
  const [payment] = await tx.select().from(payments).where(eq(payments.paymentIntent, paymentIntent));
  if (!payment || payment.status !== 'paid') return { status: 'deferred', waitingFor: paymentIntent, note: 'payment not recorded yet' };
  if (payment.amount <= 0) return ignored('free payment');
  const target = Math.min(payment.credits, Math.ceil((payment.credits * source.amount) / payment.amount));
  const already = await clawedBack(tx, payment.id, source.prefix);
  const take = Math.min(target - already.fromSource, payment.credits - already.total);
  const users = [payment.userId];
  if (take <= 0) return { status: 'processed', note: 'nothing more to take back', users };
  await appendEntry(tx, {
    userId: payment.userId,
    kind: 'clawback',
    amount: -take,
    reason: `${source.label}: ${payment.description}`,
    uniqueKey: source.key,
    paymentId: payment.id,
  });
  return { status: 'processed', note: `took back ${take} credits`, users };
}

/** charge.refunded: amount_refunded is cumulative, so each partial refund takes back the difference. */
export async function onChargeRefunded(tx: Tx, object: unknown): Promise<Outcome> {
  const c = chargeSchema.parse(object);
  const prefix = `stripe:refund:${c.payment_intent}:`;
  return clawBack(tx, c.payment_intent, { key: `${prefix}${c.amount_refunded}`, prefix, amount: c.amount_refunded, label: 'Payment refunded' });
}

export async function onDisputeCreated(tx: Tx, object: unknown): Promise<Outcome> {
  const d = disputeSchema.parse(object);
  return clawBack(tx, d.payment_intent, { key: `stripe:dispute:${d.id}`, prefix: `stripe:dispute:${d.id}`, amount: d.amount, label: 'Payment disputed' });
}
