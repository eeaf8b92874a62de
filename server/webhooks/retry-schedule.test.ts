import { describe, expect, it } from 'vitest';
import { DISABLE_AFTER_MS, nextAttemptDelayMs, RETRY_DELAYS_MS, shouldDisableEndpoint } from './retry-schedule';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('nextAttemptDelayMs', () => {
  it('follows the schedule without jitter when random is at its midpoint', () => {
    const delays = Array.from({ length: 10 }, (_, n) => nextAttemptDelayMs(n, () => 0.5));
    expect(delays).toEqual([0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR]);
  });

  it('gives up after the tenth attempt', () => {
    expect(nextAttemptDelayMs(10)).toBeNull();
    expect(nextAttemptDelayMs(11)).toBeNull();
  });

  it('keeps jitter within 10% either way and the first attempt immediate', () => {
    RETRY_DELAYS_MS.forEach((base, n) => {
      expect(nextAttemptDelayMs(n, () => 0)).toBe(Math.round(base * 0.9));
      expect(nextAttemptDelayMs(n, () => 0.999999)).toBeLessThanOrEqual(Math.round(base * 1.1));
      const d = nextAttemptDelayMs(n)!;
      expect(d).toBeGreaterThanOrEqual(base * 0.9 - 1);
      expect(d).toBeLessThanOrEqual(base * 1.1 + 1);
    });
    expect(nextAttemptDelayMs(0, () => 0)).toBe(0);
  });

  it('throws on a negative or fractional attempt count', () => {
    expect(() => nextAttemptDelayMs(-1)).toThrow(RangeError);
    expect(() => nextAttemptDelayMs(1.5)).toThrow(RangeError);
  });
});

describe('shouldDisableEndpoint', () => {
  const now = new Date('2025-06-10T12:00:00Z');
  it('disables an endpoint failing for 5 days, not before', () => {
    expect(shouldDisableEndpoint(new Date(now.getTime() - DISABLE_AFTER_MS), now)).toBe(true);
    expect(shouldDisableEndpoint(new Date(now.getTime() - DISABLE_AFTER_MS + 1), now)).toBe(false);
    expect(DISABLE_AFTER_MS).toBe(5 * 24 * HOUR);
  });

  it('never disables an endpoint that is not failing', () => {
    expect(shouldDisableEndpoint(null, now)).toBe(false);
  });
});
