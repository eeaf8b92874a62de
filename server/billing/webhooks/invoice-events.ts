import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { payments } from '../../db/billing-schema';
import { PLAN_OFFERS, planOfPrice, purchaseOf, type PaidPlan } from '../catalog';
import { resolveUser } from '../customer';
import { invoiceSchema, type InvoiceObject } from './event-schemas';
import { ignored, type Outcome } from './outcome';
import { lockPaymentIntent } from './payment-lock';
import { settlePayment } from './settle-payment';

/**
 * Since API 2025-03-31 an invoice no longer names its payment intent; it lists payments, which a
 * webhook payload leaves out unless expanded. Refunds and disputes name the payment intent, so
 * it is fetched here to let them find these credits.
 */
async function paymentIntentOf(invoice: InvoiceObject, stripe: Stripe | null): Promise<string | undefined> {
  const inline = invoice.payments?.data.find((p) => p.payment?.payment_intent)?.payment?.payment_intent;
  if (inline || !stripe) return inline ?? undefined;
  const full = invoiceSchema.parse(await stripe.invoices.retrieve(invoice.id, { expand: ['payments'] }));
  return full.payments?.data.find((p) => p.payment?.payment_intent)?.payment?.payment_intent ?? undefined;
}

/** invoice.paid: a plan's month is paid; its credits are added once per invoice. */
export async function onInvoicePaid(tx: Tx, object: unknown, stripe: Stripe | null): Promise<Outcome> {
  const invoice = invoiceSchema.parse(object);
  const meta = invoice.parent?.subscription_details?.metadata ?? {};
  const line = invoice.lines.data[0];
  const metaPlan = meta.plan in PLAN_OFFERS ? (meta.plan as PaidPlan) : undefined;
  const plan = planOfPrice(line?.pricing?.price_details?.price) ?? metaPlan;
  if (!plan) return ignored('not a plan invoice');
  const userId = await resolveUser(tx, invoice.customer, meta.userId);
  if (!userId) return ignored('customer is not a Kumori user');

  const paymentIntent = await paymentIntentOf(invoice, stripe);
  if (paymentIntent) await lockPaymentIntent(tx, paymentIntent);
  await tx
    .insert(payments)
    .values({ id: invoice.id, userId, ...purchaseOf({ plan }), amount: invoice.amount_paid, currency: invoice.currency })
    .onConflictDoNothing();
  const [payment] = await tx.select().from(payments).where(eq(payments.id, invoice.id)).for('update');
  const added = await settlePayment(tx, payment, paymentIntent);
  return { status: 'processed', note: added ? `added ${payment.credits} credits` : 'already added', users: [userId], resolved: paymentIntent };
}
