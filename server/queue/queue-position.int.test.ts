import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { closeTierQueues } from '../testing/queues';

// Real Redis and BullMQ: positions are read from the queue's own lists.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let q: typeof import('./generation-queue');
beforeAll(async () => {
  t = await setupTestEnv();
  q = await import('./generation-queue');
});
afterAll(async () => {
  await closeTierQueues();
  await (await import('../redis/connection')).redis().quit();
  await t?.teardown();
});

const job = () => ({ generationId: randomUUID(), userId: randomUUID(), model: 'm' });

describe('queuePosition', () => {
  it('counts waiting jobs in order, and puts a job its plan holds back (delayed) behind them', async () => {
    const first = job();
    const second = job();
    await q.enqueueGeneration(first, 'fast', 1);
    await q.enqueueGeneration(second, 'fast', 1);
    const held = job();
    await q.tierQueue('fast').add('generate', held, { jobId: held.generationId, delay: 60_000 });

    expect(await q.queuePosition(first.generationId, 'fast')).toBe(0);
    expect(await q.queuePosition(second.generationId, 'fast')).toBe(1);
    expect(await q.queuePosition(held.generationId, 'fast')).toBe(2);
    expect(await q.queuePosition(randomUUID(), 'fast')).toBeNull();
  });
});
