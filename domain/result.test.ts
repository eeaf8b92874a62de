import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, httpStatusOf } from './error-codes';
import { fail, ok, type Result } from './result';

describe('Result', () => {
  it('spreads a success value next to ok', () => {
    const r: Result<{ refunded: number }> = ok({ refunded: 5 });
    expect(r).toEqual({ ok: true, refunded: 5 });
  });

  it('keeps fields only when given', () => {
    expect(fail('not_found', 'Generation not found.')).toEqual({ ok: false, error: { code: 'not_found', message: 'Generation not found.' } });
    expect(fail('invalid', 'Check the form.', { width: 'Too wide.' }).error.fields).toEqual({ width: 'Too wide.' });
  });

  it('maps every code to a client or server error status', () => {
    for (const code of Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]) {
      expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf(code)).toBeLessThan(600);
    }
    expect(httpStatusOf('unauthenticated')).toBe(401);
    expect(httpStatusOf('rate_limited')).toBe(429);
  });
});
