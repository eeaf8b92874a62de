import { describe, expect, it } from 'vitest';
import { rateLimitHeader, rateLimitHeaders, rateLimitPolicyHeader, retryAfterHeader } from './rate-limit-headers';

const requests = { name: 'requests', limit: 60, windowSeconds: 60 };

describe('rate-limit headers', () => {
  it('writes the policy and the state in the draft structured-field syntax', () => {
    expect(rateLimitPolicyHeader(requests)).toBe('"requests";q=60;w=60');
    expect(rateLimitHeader({ ...requests, remaining: 12, resetSeconds: 30 })).toBe('"requests";r=12;t=30');
  });

  it('lists several policies in one header each', () => {
    const states = [
      { ...requests, remaining: 59, resetSeconds: 60 },
      { name: 'generations', limit: 10, windowSeconds: 60, remaining: 3, resetSeconds: 41 },
    ];
    expect(rateLimitPolicyHeader(states)).toBe('"requests";q=60;w=60, "generations";q=10;w=60');
    expect(rateLimitHeader(states)).toBe('"requests";r=59;t=60, "generations";r=3;t=41');
  });

  it('rounds the reset and retry up, and never sends a negative or fractional number', () => {
    expect(rateLimitHeader({ ...requests, remaining: -3, resetSeconds: 0.2 })).toBe('"requests";r=0;t=1');
    expect(rateLimitHeader({ ...requests, remaining: 4.7, resetSeconds: -1 })).toBe('"requests";r=4;t=0');
    expect(retryAfterHeader(2.01)).toBe('3');
    expect(retryAfterHeader(-5)).toBe('0');
    expect(() => retryAfterHeader(Number.NaN)).toThrow();
  });

  it('escapes quotes and backslashes in policy names and refuses non-ASCII ones', () => {
    expect(rateLimitPolicyHeader({ ...requests, name: 'a"b\\c' })).toBe('"a\\"b\\\\c";q=60;w=60');
    expect(() => rateLimitPolicyHeader({ ...requests, name: 'clé' })).toThrow();
  });

  it('adds Retry-After only when a policy is exhausted, with the longest wait', () => {
    const open = rateLimitHeaders({ ...requests, remaining: 1, resetSeconds: 20 });
    expect(open).toEqual({ 'RateLimit-Policy': '"requests";q=60;w=60', RateLimit: '"requests";r=1;t=20' });

    const refused = rateLimitHeaders([
      { ...requests, remaining: 0, resetSeconds: 20 },
      { name: 'generations', limit: 10, windowSeconds: 60, remaining: 0, resetSeconds: 45 },
      { name: 'user', limit: 300, windowSeconds: 60, remaining: 100, resetSeconds: 59 },
    ]);
    expect(refused['Retry-After']).toBe('45');
  });
});
