import { env } from '../env';
import type { Plan } from './plans';

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

export function formatMoney(amount: number, currency = CURRENCY): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}
