import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from './engine/checkpoint';

// Real Redis under a private prefix.
const prefix = `kumori-t-cp-${randomUUID().slice(0, 8)}`;
process.env.REDIS_PREFIX = prefix;
let redis: IORedis;
let store: typeof import('./checkpoint-store');

beforeAll(async () => {
  store = await import('./checkpoint-store');
  const { env } = await import('../server/env');
  redis = new IORedis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
});
const used: string[] = [];
const newId = () => {
  const id = randomUUID();
  used.push(`${prefix}:checkpoint:${id}`);
  return id;
};
afterAll(async () => {
  if (used.length) await redis.del(...used);
  await redis.quit();
});

const checkpointAt = (step: number): Checkpoint => ({
  step,
  steps: 10,
  latents: Float32Array.from({ length: 256 }, (_, i) => i * step),
  scheduler: { kind: 'EulerDiscreteScheduler', counters: { stepIndex: step, beginIndex: null }, arrays: { timesteps: Float64Array.from([999, 500]) } },
  rng: [1, 2, 3, 4],
  fingerprint: 'abc',
});

describe('checkpoint store', () => {
  it('keeps the latest checkpoint of a generation, under the prefix, with a day-long expiry', async () => {
    const id = newId();
    expect(await store.loadCheckpoint(redis, id)).toBeNull();
    await store.saveCheckpoint(redis, id, checkpointAt(5));
    await store.saveCheckpoint(redis, id, checkpointAt(10 - 1));
    const loaded = await store.loadCheckpoint(redis, id);
    expect(loaded?.step).toBe(9);
    expect(Array.from(loaded!.latents.subarray(0, 3))).toEqual([0, 9, 18]);
    const ttl = await redis.ttl(`${prefix}:checkpoint:${id}`);
    expect(ttl).toBeGreaterThan(23 * 3600);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);
  });

  it('deletes it, and drops an unreadable one instead of failing the job', async () => {
    const id = newId();
    await store.saveCheckpoint(redis, id, checkpointAt(3));
    await store.deleteCheckpoint(redis, id);
    expect(await redis.exists(`${prefix}:checkpoint:${id}`)).toBe(0);
    await redis.set(`${prefix}:checkpoint:${id}`, 'garbage');
    expect(await store.loadCheckpoint(redis, id)).toBeNull();
    expect(await redis.exists(`${prefix}:checkpoint:${id}`)).toBe(0);
  });
});
