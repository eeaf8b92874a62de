import { describe, expect, it } from 'vitest';
import { allowedTiers, PLAN_RULES, tierPrice } from './plans';

describe('plans and tiers', () => {
  it('keeps free users on relax, and gives paid plans fast by default with relax and turbo on request', () => {
    expect(allowedTiers('free')).toEqual(['relax']);
    expect(PLAN_RULES.free.defaultTier).toBe('relax');
    for (const plan of ['basic', 'pro'] as const) {
      expect(allowedTiers(plan)).toEqual(['turbo', 'fast', 'relax']);
      expect(PLAN_RULES[plan].defaultTier).toBe('fast');
    }
  });

  it('charges a premium for turbo, less (or nothing) for relax, and refuses tiers outside the plan', () => {
    expect(tierPrice(20, 'basic', 'turbo')).toBe(40);
    expect(tierPrice(21, 'basic', 'relax')).toBe(11);
    expect(tierPrice(20, 'pro', 'relax')).toBe(0);
    expect(tierPrice(3, 'pro', 'turbo')).toBe(5);
    expect(tierPrice(20, 'free', 'fast')).toBeNull();
  });

  it('gives each plan its API rate limits, higher on paid plans, with generations a fraction of requests', () => {
    expect(PLAN_RULES.free).toMatchObject({ apiRequestsPerMinute: 60, apiGenerationsPerMinute: 10 });
    expect(PLAN_RULES.basic).toMatchObject({ apiRequestsPerMinute: 300, apiGenerationsPerMinute: 60 });
    expect(PLAN_RULES.pro).toMatchObject({ apiRequestsPerMinute: 1200, apiGenerationsPerMinute: 240 });
    for (const plan of ['free', 'basic', 'pro'] as const) {
      expect(PLAN_RULES[plan].apiGenerationsPerMinute).toBeLessThan(PLAN_RULES[plan].apiRequestsPerMinute);
    }
  });
});
