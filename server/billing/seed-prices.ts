import type Stripe from 'stripe';
import { CURRENCY, PLAN_OFFERS, type PaidPlan } from './catalog';
import { PLAN_RULES } from '../../domain/plans';

/**
 * Makes sure the plans' monthly prices exist in the Stripe account, found by lookup key so a
 * second run reuses them; returns the price id per plan for STRIPE_PRICE_BASIC / _PRO.
 */
export async function seedPlanPrices(stripe: Stripe): Promise<Record<PaidPlan, { id: string; created: boolean }>> {
  const out = {} as Record<PaidPlan, { id: string; created: boolean }>;
  for (const plan of Object.keys(PLAN_OFFERS) as PaidPlan[]) {
    const offer = PLAN_OFFERS[plan];
    const existing = await stripe.prices.list({ lookup_keys: [offer.lookupKey], active: true, limit: 1 });
    if (existing.data[0]) {
      out[plan] = { id: existing.data[0].id, created: false };
      continue;
    }
    const product = await stripe.products.create({ name: `Kumori ${PLAN_RULES[plan].label}`, metadata: { plan } });
    const price = await stripe.prices.create({
      product: product.id,
      currency: CURRENCY,
      unit_amount: offer.amount,
      recurring: { interval: 'month' },
      lookup_key: offer.lookupKey,
      metadata: { plan, monthly_credits: String(offer.monthlyCredits) },
    });
    out[plan] = { id: price.id, created: true };
  }
  return out;
}
