import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../../server/redis/keys';
import { pickTier } from './pick-tier';

const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefixes: string[] = [];
const fresh = () => {
  const p = `kumori-stride-${randomUUID().slice(0, 8)}`;
  prefixes.push(p);
  return p;
};
afterAll(async () => {
  for (const p of prefixes) await redis.del(redisKeys.tierStrides(p));
  await redis.quit();
});

describe('pickTier (real Redis)', () => {
  it('serves backlogged tiers 10:5:1', async () => {
    const prefix = fresh();
    const served = { turbo: 0, fast: 0, relax: 0 };
    for (let i = 0; i < 160; i++) served[(await pickTier(redis, prefix, ['turbo', 'fast', 'relax']))!]++;
    expect(served).toEqual({ turbo: 100, fast: 50, relax: 10 });
  });

  it('splits between the tiers that have work, and lets an idle tier back in without a burst', async () => {
    const prefix = fresh();
    const served = { turbo: 0, fast: 0, relax: 0 };
    for (let i = 0; i < 60; i++) served[(await pickTier(redis, prefix, ['fast', 'relax']))!]++;
    expect(served).toEqual({ turbo: 0, fast: 50, relax: 10 });
    // Turbo was idle for 60 picks; it now gets its 2:1 share against fast, not 60 picks in a row.
    const after = { turbo: 0, fast: 0, relax: 0 };
    for (let i = 0; i < 15; i++) after[(await pickTier(redis, prefix, ['turbo', 'fast']))!]++;
    // (Within one stride: fast's pass is up to 1/5 ahead of the virtual time turbo enters at.)
    expect(after.turbo).toBeGreaterThanOrEqual(9);
    expect(after.turbo).toBeLessThanOrEqual(11);
    expect(after.turbo + after.fast).toBe(15);
  });

  it('returns null when no tier has work', async () => {
    expect(await pickTier(redis, fresh(), [])).toBeNull();
  });
});
