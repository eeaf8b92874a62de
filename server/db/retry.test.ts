import { describe, expect, it } from 'vitest';
import { isConnectionError, withDbRetry } from './retry';

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('withDbRetry', () => {
  it('recognises connection errors bare and inside drizzle’s "Failed query" wrapper, and nothing else', () => {
    expect(isConnectionError(refused())).toBe(true);
    expect(isConnectionError(new Error('Failed query: select 1', { cause: refused() }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionError(new Error('Failed query', { cause: new Error('syntax') }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });

  it('retries a wrapped connection error until the query succeeds, and throws other errors at once', async () => {
    let calls = 0;
    const value = await withDbRetry('test', async () => {
      if (++calls < 3) throw new Error('Failed query', { cause: refused() });
      return 'ok';
    }, { log: () => {} });
    expect([value, calls]).toEqual(['ok', 3]);
    let other = 0;
    await expect(withDbRetry('test', async () => {
      other++;
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(other).toBe(1);
  });
});
