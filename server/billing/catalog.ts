import { env } from '../env';
import { PLAN_RULES, type Plan } from '../../domain/plans';

/**
 * What can be bought. Packs are one-off Checkout payments priced inline, so they need no setup
 * in Stripe; plans are subscriptions to recurring prices created once (`npm run stripe:seed`).
 * README "Billing" mirrors these figures.
 */
export const CREDIT_PACKS = [
  { id: 'starter', label: 'Starter', credits: 1_000, amount: 500 },
  { id: 'creator', label: 'Creator', credits: 5_000, amount: 2_000 },
  { id: 'studio', label: 'Studio', credits: 20_000, amount: 6_000 },
] as const;
export type CreditPack = (typeof CREDIT_PACKS)[number];
export const CURRENCY = 'usd';

export type PaidPlan = Exclude<Plan, 'free'>;
export const PLAN_OFFERS: Record<PaidPlan, { monthlyCredits: number; amount: number; lookupKey: string }> = {
  basic: { monthlyCredits: 3_000, amount: 1_000, lookupKey: 'kumori_plan_basic_monthly' },
  pro: { monthlyCredits: 12_000, amount: 3_000, lookupKey: 'kumori_plan_pro_monthly' },
};

export function findPack(id: string): CreditPack | undefined {
  return CREDIT_PACKS.find((p) => p.id === id);
}

export function priceIdOf(plan: PaidPlan): string | undefined {
  return plan === 'basic' ? env().STRIPE_PRICE_BASIC : env().STRIPE_PRICE_PRO;
}

export function planOfPrice(priceId: string | null | undefined): PaidPlan | undefined {
  if (!priceId) return undefined;
  return (Object.keys(PLAN_OFFERS) as PaidPlan[]).find((p) => priceIdOf(p) === priceId);
}

/** What a payment row records for a pack, or for one month of a plan (`amount` may be overridden by what was paid). */
export function purchaseOf(item: { pack: CreditPack } | { plan: PaidPlan }) {
  if ('pack' in item) {
    const { pack } = item;
    return { kind: 'pack' as const, plan: null, credits: pack.credits, amount: pack.amount, currency: CURRENCY, description: `${pack.label} credit pack` };
  }
  const offer = PLAN_OFFERS[item.plan];
  return { kind: 'plan' as const, plan: item.plan, credits: offer.monthlyCredits, amount: offer.amount, currency: CURRENCY, description: `${PLAN_RULES[item.plan].label} plan` };
}

export function formatMoney(amount: number, currency = CURRENCY): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}
