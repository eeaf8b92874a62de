import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { payments } from '../../db/billing-schema';
import { findPack, PLAN_OFFERS, purchaseOf, type PaidPlan } from '../catalog';
import { resolveUser } from '../customer';
import { checkoutSessionSchema, type CheckoutSessionObject } from './event-schemas';
import { ignored, type Outcome } from './outcome';
import { lockPaymentIntent } from './payment-lock';
import { markPayment, settlePayment } from './settle-payment';
import { recordSubscription } from './subscription-events';

/** The payment row of a session, written at checkout; rebuilt from the session's metadata if it is missing. */
async function paymentOf(tx: Tx, s: CheckoutSessionObject) {
  const [row] = await tx.select().from(payments).where(eq(payments.id, s.id)).for('update');
  if (row) return row;
  const userId = await resolveUser(tx, s.customer, s.metadata.userId);
  if (!userId) return undefined;
  const pack = s.metadata.kind === 'pack' ? findPack(s.metadata.pack ?? '') : undefined;
  const plan = s.metadata.kind === 'plan' && s.metadata.plan in PLAN_OFFERS ? (s.metadata.plan as PaidPlan) : undefined;
  if (!pack && !plan) return undefined;
  const bought = purchaseOf(pack ? { pack } : { plan: plan! });
  const [created] = await tx
    .insert(payments)
    .values({ id: s.id, userId, ...bought, amount: s.amount_total ?? bought.amount, currency: s.currency ?? bought.currency })
    .returning();
  return created;
}

/**
 * checkout.session.completed says the customer finished Checkout; the money may still be on its
 * way (bank debits): then payment_status is `unpaid` and async_payment_succeeded or _failed
 * follows. async_payment_succeeded may also overtake completed; both settle once.
 */
export async function onCheckoutEvent(tx: Tx, type: string, object: unknown, eventAt: Date): Promise<Outcome> {
  const s = checkoutSessionSchema.parse(object);
  if (s.mode === 'setup') return ignored('setup-mode session');
  if (s.payment_intent) await lockPaymentIntent(tx, s.payment_intent);
  const payment = await paymentOf(tx, s);
  if (!payment) return ignored('not a Kumori checkout session');
  const users = [payment.userId];

  if (type === 'checkout.session.expired') {
    return { status: 'processed', note: (await markPayment(tx, payment, 'expired')) ? 'expired' : 'already settled', users };
  }
  if (type === 'checkout.session.async_payment_failed') {
    return { status: 'processed', note: (await markPayment(tx, payment, 'failed', s.payment_intent)) ? 'payment failed' : 'already settled', users };
  }
  const paid = type === 'checkout.session.async_payment_succeeded' || s.payment_status !== 'unpaid';
  if (!paid) {
    await markPayment(tx, payment, 'processing', s.payment_intent);
    return { status: 'processed', note: 'payment processing', users };
  }
  const added = await settlePayment(tx, payment, s.payment_intent);
  if (s.mode === 'subscription' && s.subscription && payment.plan) {
    await recordSubscription(tx, { id: s.subscription, userId: payment.userId, plan: payment.plan as PaidPlan, status: 'active', eventAt, onlyIfNew: true });
  }
  return {
    status: 'processed',
    note: added ? `added ${payment.credits} credits` : 'paid',
    users,
    resolved: s.payment_intent ?? undefined,
  };
}
