import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { takeTokens } from './gcra';

// Real Redis: the script's atomicity and its clock are what make the limit shared by web nodes.
const client = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
afterAll(() => client.quit());

const bucket = (limit: number) => ({ key: `kumori-test:gcra:${randomUUID()}`, limit, windowSeconds: 60 });

describe('takeTokens', () => {
  it('passes exactly `limit` calls in a burst, then refuses with a wait of about one interval', async () => {
    const b = bucket(5);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await takeTokens([b], client));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.states[0].remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(results[5].states[0].retryAfterSeconds).toBeGreaterThan(10);
    expect(results[5].states[0].retryAfterSeconds).toBeLessThanOrEqual(12);
  });

  it('parallel calls never pass more than the limit', async () => {
    const b = bucket(10);
    const results = await Promise.all(Array.from({ length: 40 }, () => takeTokens([b], client)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('charges every bucket or none: a refusal by one leaves the other untouched', async () => {
    const small = bucket(1);
    const large = bucket(100);
    expect((await takeTokens([large, small], client)).allowed).toBe(true);
    const refused = await takeTokens([large, small], client);
    expect(refused.allowed).toBe(false);
    expect(refused.states[0].remaining).toBe(99);
    expect((await takeTokens([large], client)).states[0].remaining).toBe(98);
  });

  it('still works after Redis forgot its scripts (a restart, SCRIPT FLUSH), and counts that call once', async () => {
    const b = bucket(3);
    expect((await takeTokens([b], client)).states[0].remaining).toBe(2);
    await client.script('FLUSH');
    expect((await takeTokens([b], client)).states[0].remaining).toBe(1);
    expect((await takeTokens([b], client)).states[0].remaining).toBe(0);
  });

  it('expires its key once the bucket would be full again', async () => {
    const b = bucket(60);
    await takeTokens([b], client);
    const ttl = await client.pttl(b.key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
  });
});
