/**
 * Plans and queue tiers, in one place (README "Plans and tiers" mirrors this table).
 * A tier sets how soon a job runs: turbo and fast share the workers 10:5 with relax getting 1.
 * A plan sets which tiers a user may pick, the default, the price factor of each tier, and how
 * many jobs may be running and waiting at once.
 */
export const TIERS = ['turbo', 'fast', 'relax'] as const;
export type Tier = (typeof TIERS)[number];

/** Dispatch weights: while every tier has work, turbo gets 10 starts for fast's 5 and relax's 1. */
export const TIER_WEIGHTS: Record<Tier, number> = { turbo: 10, fast: 5, relax: 1 };

export const PLANS = ['free', 'basic', 'pro'] as const;
export type Plan = (typeof PLANS)[number];

type PlanRules = {
  label: string;
  defaultTier: Tier;
  /** Credits charged per tier, as a multiple of the base price; absent tiers are not allowed. */
  priceFactor: Partial<Record<Tier, number>>;
  maxRunning: number;
  maxQueued: number;
  /** Public API requests per minute, counted per key and per user alike. */
  apiRequestsPerMinute: number;
  /** Of those, the requests that start a generation, which cost far more than a read. */
  apiGenerationsPerMinute: number;
};

export const PLAN_RULES: Record<Plan, PlanRules> = {
  free: { label: 'Free', defaultTier: 'relax', priceFactor: { relax: 1 }, maxRunning: 1, maxQueued: 4, apiRequestsPerMinute: 60, apiGenerationsPerMinute: 10 },
  basic: { label: 'Basic', defaultTier: 'fast', priceFactor: { turbo: 2, fast: 1, relax: 0.5 }, maxRunning: 2, maxQueued: 10, apiRequestsPerMinute: 300, apiGenerationsPerMinute: 60 },
  pro: { label: 'Pro', defaultTier: 'fast', priceFactor: { turbo: 1.5, fast: 1, relax: 0 }, maxRunning: 4, maxQueued: 50, apiRequestsPerMinute: 1200, apiGenerationsPerMinute: 240 },
};

export function allowedTiers(plan: Plan): Tier[] {
  return TIERS.filter((t) => PLAN_RULES[plan].priceFactor[t] !== undefined);
}

/** The charge for a job on a tier: the base price times the plan's factor, rounded up (0 stays 0). */
export function tierPrice(basePrice: number, plan: Plan, tier: Tier): number | null {
  const factor = PLAN_RULES[plan].priceFactor[tier];
  return factor === undefined ? null : Math.ceil(basePrice * factor);
}
