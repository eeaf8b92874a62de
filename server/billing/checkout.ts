import 'server-only';
import { db } from '../db/client';
import { payments } from '../db/billing-schema';
import { CURRENCY, PLAN_OFFERS, findPack, priceIdOf, type PaidPlan } from './catalog';
import { ensureCustomer } from './customer';
import { stripeClient } from './stripe';

export type CheckoutResult = { ok: true; url: string } | { ok: false; error: { code: string; message: string } };

const notConfigured = { ok: false, error: { code: 'not_configured', message: 'Payments are not configured on this server.' } } as const;

function unavailable(err: unknown): CheckoutResult {
  console.error(`[billing] checkout failed: ${(err as Error).message}`);
  return { ok: false, error: { code: 'stripe_unavailable', message: 'Stripe could not be reached. You were not charged; please try again.' } };
}

/**
 * Opens a Checkout session for a credit pack and records it as an open payment, which the
 * success page reads. The session's metadata names the user and the credits, so a webhook for a
 * session whose row was never written (a crash right here) can still credit the right person.
 */
export async function startPackCheckout(userId: string, packId: string, origin: string): Promise<CheckoutResult> {
  const stripe = stripeClient();
  if (!stripe) return notConfigured;
  const pack = findPack(packId);
  if (!pack) return { ok: false, error: { code: 'invalid', message: 'That credit pack does not exist.' } };
  try {
    const customer = await ensureCustomer(stripe, userId);
    const metadata = { userId, kind: 'pack', pack: pack.id, credits: String(pack.credits) };
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer,
      client_reference_id: userId,
      metadata,
      payment_intent_data: { metadata },
      line_items: [
        { quantity: 1, price_data: { currency: CURRENCY, unit_amount: pack.amount, product_data: { name: `${pack.label}: ${pack.credits.toLocaleString('en-US')} Kumori credits` } } },
      ],
      success_url: `${origin}/billing/return?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${origin}/billing?cancelled=1`,
    });
    await db()
      .insert(payments)
      .values({ id: session.id, userId, kind: 'pack', credits: pack.credits, amount: pack.amount, currency: CURRENCY, description: `${pack.label} credit pack` })
      .onConflictDoNothing();
    return session.url ? { ok: true, url: session.url } : unavailable(new Error('session has no url'));
  } catch (err) {
    return unavailable(err);
  }
}

export async function startPlanCheckout(userId: string, plan: PaidPlan, origin: string): Promise<CheckoutResult> {
  const stripe = stripeClient();
  if (!stripe) return notConfigured;
  const price = priceIdOf(plan);
  if (!price) return { ok: false, error: { code: 'not_configured', message: `The ${plan} plan has no Stripe price configured yet.` } };
  const offer = PLAN_OFFERS[plan];
  try {
    const customer = await ensureCustomer(stripe, userId);
    const metadata = { userId, kind: 'plan', plan };
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: userId,
      metadata,
      subscription_data: { metadata },
      line_items: [{ price, quantity: 1 }],
      success_url: `${origin}/billing/return?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${origin}/billing?cancelled=1`,
    });
    await db()
      .insert(payments)
      .values({ id: session.id, userId, kind: 'plan', plan, credits: offer.monthlyCredits, amount: offer.amount, currency: CURRENCY, description: `${plan === 'basic' ? 'Basic' : 'Pro'} plan` })
      .onConflictDoNothing();
    return session.url ? { ok: true, url: session.url } : unavailable(new Error('session has no url'));
  } catch (err) {
    return unavailable(err);
  }
}

export async function customerPortalUrl(userId: string, returnUrl: string): Promise<CheckoutResult> {
  const stripe = stripeClient();
  if (!stripe) return notConfigured;
  try {
    const customer = await ensureCustomer(stripe, userId);
    const session = await stripe.billingPortal.sessions.create({ customer, return_url: returnUrl });
    return { ok: true, url: session.url };
  } catch (err) {
    return unavailable(err);
  }
}
