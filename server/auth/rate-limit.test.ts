import { describe, expect, it } from 'vitest';
import { signInDelayMs, SLOWDOWN_BASE_MS, SLOWDOWN_CAP_MS } from './rate-limit';

describe('signInDelayMs', () => {
  it('does not pause until an email has failed `threshold` times, then doubles up to a cap of a few seconds', () => {
    expect([0, 1, 4].map((n) => signInDelayMs(n, 5))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => signInDelayMs(n, 5))).toEqual([SLOWDOWN_BASE_MS, 2 * SLOWDOWN_BASE_MS, 4 * SLOWDOWN_BASE_MS, 8 * SLOWDOWN_BASE_MS]);
    expect(signInDelayMs(50, 5)).toBe(SLOWDOWN_CAP_MS);
    expect(signInDelayMs(1e9, 5)).toBe(SLOWDOWN_CAP_MS);
    expect(SLOWDOWN_CAP_MS).toBeLessThanOrEqual(5000);
  });

  it('never decreases as failures grow', () => {
    const delays = Array.from({ length: 40 }, (_, n) => signInDelayMs(n, 3));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });
});
