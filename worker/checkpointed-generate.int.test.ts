import path from 'node:path';
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type LoadedModel } from './models/load-model';
import type { GenerationRequest } from './engine/pipeline';

// A worker that dies mid-batch, on real Redis under a private prefix: the next attempt resumes
// all n images from the stored checkpoint.
const prefix = `kumori-t-cpg-${randomUUID().slice(0, 8)}`;
process.env.REDIS_PREFIX = prefix;
let redis: IORedis;
let model: LoadedModel;
let run: typeof import('./checkpointed-generate').generateWithCheckpoints;
let store: typeof import('./checkpoint-store');

beforeAll(async () => {
  ({ generateWithCheckpoints: run } = await import('./checkpointed-generate'));
  store = await import('./checkpoint-store');
  const { env } = await import('../server/env');
  redis = new IORedis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
  model = await loadModel(path.resolve(__dirname, 'models/tiny-sd'), { executionProvider: 'cpu', intraOpThreads: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await model?.release();
});

const request: GenerationRequest = {
  prompt: 'a red circle', negativePrompt: '', width: 64, height: 64, steps: 7, guidance: 7, seed: 77, sampler: 'euler_a', n: 3,
};

class Crash extends Error {}

describe('a batch resumed after a crash', () => {
  it('continues all n images from the checkpoint to the bytes of an uninterrupted run', async () => {
    const id = randomUUID();
    const policy = { redis, generationId: id, every: 2 };
    const crashed = run(model, request, { onStep: ({ step }) => { if (step === 5) throw new Crash('worker died'); } }, policy);
    await expect(crashed).rejects.toThrow(Crash);
    const stored = await store.loadCheckpoint(redis, id);
    expect([stored?.step, stored?.latents.length, stored?.rng.length]).toEqual([4, 3 * 4 * 8 * 8, 12]);

    const stepsRun: number[] = [];
    const resumed = await run(model, request, { onStep: ({ step }) => void stepsRun.push(step) }, policy);
    expect(resumed.resumedFromStep).toBe(4);
    expect(stepsRun).toEqual([5, 6, 7]);
    const uninterrupted = await run(model, request, {}, { redis, generationId: randomUUID(), every: 0 });
    expect(resumed.images.map((i) => i.seed)).toEqual([77, 78, 79]);
    resumed.images.forEach((image, i) => expect(Buffer.from(image.rgb).equals(Buffer.from(uninterrupted.images[i].rgb)), `image ${i}`).toBe(true));
    await store.deleteCheckpoint(redis, id);
  });
});
