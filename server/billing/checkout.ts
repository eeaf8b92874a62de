import 'server-only';
import type Stripe from 'stripe';
import { fail, ok, type Failure, type Result } from '../../domain/result';
import { db } from '../db/client';
import { payments } from '../db/billing-schema';
import { CURRENCY, findPack, priceIdOf, purchaseOf, type PaidPlan } from './catalog';
import { ensureCustomer } from './customer';
import { stripeClient } from './stripe';

/** Where the browser goes next: a Checkout or customer-portal page on Stripe. */
type StripeRedirect = Result<{ url: string }>;

const notConfigured = fail('not_configured', 'Payments are not configured on this server.');

function unavailable(err: unknown): Failure {
  console.error(`[billing] checkout failed: ${(err as Error).message}`);
  return fail('stripe_unavailable', 'Stripe could not be reached. You were not charged; please try again.');
}

type SessionParams = Parameters<Stripe['checkout']['sessions']['create']>[0];

/**
 * Opens a Checkout session and records it as an open payment, which the return page reads. The
 * session's metadata names the user and what was bought, so a webhook for a session whose row was
 * never written (a crash right here) can still credit the right person.
 */
async function openCheckout(
  userId: string,
  origin: string,
  purchase: ReturnType<typeof purchaseOf>,
  params: Omit<SessionParams, 'success_url' | 'cancel_url' | 'customer' | 'client_reference_id'>,
): Promise<StripeRedirect> {
  const stripe = stripeClient();
  if (!stripe) return notConfigured;
  try {
    const customer = await ensureCustomer(stripe, userId);
    const session = await stripe.checkout.sessions.create({
      ...params,
      customer,
      client_reference_id: userId,
      success_url: `${origin}/billing/return?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${origin}/billing?cancelled=1`,
    });
    await db()
      .insert(payments)
      .values({ id: session.id, userId, ...purchase })
      .onConflictDoNothing();
    return session.url ? ok({ url: session.url }) : unavailable(new Error('session has no url'));
  } catch (err) {
    return unavailable(err);
  }
}

export async function startPackCheckout(userId: string, packId: string, origin: string): Promise<StripeRedirect> {
  if (!stripeClient()) return notConfigured;
  const pack = findPack(packId);
  if (!pack) return fail('invalid', 'That credit pack does not exist.');
  const metadata = { userId, kind: 'pack', pack: pack.id, credits: String(pack.credits) };
  return openCheckout(userId, origin, purchaseOf({ pack }), {
    mode: 'payment',
    metadata,
    payment_intent_data: { metadata },
    line_items: [
      { quantity: 1, price_data: { currency: CURRENCY, unit_amount: pack.amount, product_data: { name: `${pack.label}: ${pack.credits.toLocaleString('en-US')} Kumori credits` } } },
    ],
  });
}

export async function startPlanCheckout(userId: string, plan: PaidPlan, origin: string): Promise<StripeRedirect> {
  if (!stripeClient()) return notConfigured;
  const price = priceIdOf(plan);
  if (!price) return fail('not_configured', `The ${plan} plan has no Stripe price configured yet.`);
  const metadata = { userId, kind: 'plan', plan };
  return openCheckout(userId, origin, purchaseOf({ plan }), {
    mode: 'subscription',
    metadata,
    subscription_data: { metadata },
    line_items: [{ price, quantity: 1 }],
  });
}

export async function customerPortalUrl(userId: string, returnUrl: string): Promise<StripeRedirect> {
  const stripe = stripeClient();
  if (!stripe) return notConfigured;
  try {
    const customer = await ensureCustomer(stripe, userId);
    const session = await stripe.billingPortal.sessions.create({ customer, return_url: returnUrl });
    return ok({ url: session.url });
  } catch (err) {
    return unavailable(err);
  }
}
