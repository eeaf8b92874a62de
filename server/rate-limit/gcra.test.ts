import { describe, expect, it } from 'vitest';
import { stateOf } from './gcra';

describe('GCRA bucket state', () => {
  const bucket = { limit: 60, windowSeconds: 60 };

  it('a full bucket has the whole limit and nothing to wait for', () => {
    expect(stateOf(bucket, 0)).toEqual({ remaining: 60, resetSeconds: 0, retryAfterSeconds: 0 });
  });

  it('each call takes one interval (1 s here) off the remaining count', () => {
    expect(stateOf(bucket, 1000).remaining).toBe(59);
    expect(stateOf(bucket, 59_500)).toMatchObject({ remaining: 0, retryAfterSeconds: 0.5 });
  });

  it('an empty bucket tells how long until one call passes', () => {
    expect(stateOf(bucket, 60_000)).toMatchObject({ remaining: 0, resetSeconds: 60, retryAfterSeconds: 1 });
  });

  it('keeps whole tokens whole when the interval is not a whole number of ms', () => {
    const odd = { limit: 7, windowSeconds: 60 };
    const interval = 60_000 / 7;
    expect(stateOf(odd, interval * 3).remaining).toBe(4);
  });
});
