import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../domain/generation-params';
import { loadModel, type LoadedModel } from '../models/load-model';
import type { DiffusionModel } from './diffusion-model';
import { generate, type GenerationRequest } from './pipeline';

// n images per generation on the shipped demo model, real ONNX inference: each image of a batch
// must be the image a request of n = 1 with its seed gives.
const modelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../models/kumori-demo');
const base: GenerationRequest = {
  prompt: 'a large red circle on a blue background',
  negativePrompt: '',
  width: 128,
  height: 128,
  steps: 6,
  guidance: 7.5,
  seed: 2024,
  sampler: 'ddim',
};

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(modelDir, { executionProvider: 'cpu', intraOpThreads: 1 });
});
afterAll(async () => {
  await model?.release();
});

/**
 * Batched kernels may sum in another order than batch-1 ones, so bytes can differ by a rounding
 * step; a different seed or prompt differs by far more (checked below).
 */
function expectSameImage(actual: Uint8Array, expected: Uint8Array, label: string) {
  expect(actual.length, label).toBe(expected.length);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    max = Math.max(max, d);
    sum += d;
  }
  expect(max, `${label}: largest byte difference`).toBeLessThanOrEqual(2);
  expect(sum / actual.length, `${label}: mean byte difference`).toBeLessThan(0.05);
}

const meanDifference = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

/** A model whose UNet records the batch of every real call and, optionally, claims a fixed batch axis or a limit. */
function instrumented(options: { fixedBatch?: number; maxUnetBatch?: number } = {}) {
  const batches: number[] = [];
  const textBatches: number[] = [];
  const record = (session: InferenceSession, input: string, into: number[], fixedBatch?: number) =>
    ({
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      inputMetadata: session.inputMetadata.map((m) =>
        fixedBatch && m.isTensor && m.name === input ? { ...m, shape: [fixedBatch, ...m.shape.slice(1)] } : m,
      ),
      outputMetadata: session.outputMetadata,
      run: (feeds: InferenceSession.FeedsType) => {
        const batch = (feeds[input] as Tensor).dims[0];
        into.push(batch);
        if (fixedBatch && batch !== fixedBatch) throw new Error(`the graph takes batch ${fixedBatch}, got ${batch}`);
        return session.run(feeds);
      },
    }) as unknown as InferenceSession;
  const wrapped: DiffusionModel = {
    ...model,
    maxUnetBatch: options.maxUnetBatch ?? null,
    unet: { ...model.unet, session: record(model.unet.session, model.unet.sampleName, batches, options.fixedBatch) },
    textEncoder: { ...model.textEncoder, session: record(model.textEncoder.session, model.textEncoder.inputName, textBatches) },
  };
  return { model: wrapped, batches, textBatches };
}

describe('n images in one generation', () => {
  it('denoises them in one UNet batch (n x 2 with guidance), encodes the prompts once, and each equals its single run', async () => {
    const { model: counted, batches, textBatches } = instrumented();
    const steps: Array<[number, number, readonly number[]]> = [];
    const batch = await generate(counted, { ...base, n: 3 }, { onStep: (p) => void steps.push([p.step, p.steps, p.shape]) });
    expect(batches).toEqual(Array(base.steps).fill(6));
    expect(textBatches).toEqual([2]);
    expect(steps.map(([step]) => step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps[0][2]).toEqual([3, 4, 16, 16]);
    expect(batch.images.map((i) => i.seed)).toEqual([2024, 2025, 2026]);
    expect(batch.rgb).toBe(batch.images[0].rgb);
    for (const [i, image] of batch.images.entries()) {
      const single = await generate(model, { ...base, seed: base.seed + i });
      expectSameImage(image.rgb, single.rgb, `image ${i}`);
    }
    // The tolerance is far below what a seed changes.
    expect(meanDifference(batch.images[0].rgb, batch.images[1].rgb)).toBeGreaterThan(1);
  });

  it('gives each image its own noise stream in a sampler that draws noise every step, and without guidance', async () => {
    const request = { ...base, sampler: 'euler_a', guidance: 1 };
    const { model: counted, batches } = instrumented();
    const batch = await generate(counted, { ...request, n: 2 });
    expect(batches).toEqual(Array(base.steps).fill(2));
    for (const [i, image] of batch.images.entries()) {
      expectSameImage(image.rgb, (await generate(model, { ...request, seed: base.seed + i })).rgb, `image ${i}`);
    }
  });

  it('runs in chunks of the model limit, to the same images', async () => {
    const { model: limited, batches } = instrumented({ maxUnetBatch: 4 });
    const chunked = await generate(limited, { ...base, n: 3 });
    expect(batches.slice(0, 2)).toEqual([4, 2]);
    expect(batches).toHaveLength(2 * base.steps);
    const whole = await generate(model, { ...base, n: 3 });
    for (let i = 0; i < 3; i++) expectSameImage(chunked.images[i].rgb, whole.images[i].rgb, `image ${i}`);
  });

  it('feeds a graph exported with a fixed batch exactly that batch instead of failing', async () => {
    const one = instrumented({ fixedBatch: 1 });
    const batchOfOne = await generate(one.model, { ...base, n: 2 });
    expect(one.batches).toEqual(Array(4 * base.steps).fill(1));
    const two = instrumented({ fixedBatch: 2 });
    // Three unguided rows: two calls of two, the last padded.
    const padded = await generate(two.model, { ...base, guidance: 1, n: 3 });
    expect(two.batches).toEqual(Array(2 * base.steps).fill(2));
    const whole = await generate(model, { ...base, guidance: 1, n: 3 });
    for (let i = 0; i < 2; i++) {
      expectSameImage(batchOfOne.images[i].rgb, (await generate(model, { ...base, seed: base.seed + i })).rgb, `fixed 1, image ${i}`);
    }
    for (let i = 0; i < 3; i++) expectSameImage(padded.images[i].rgb, whole.images[i].rgb, `fixed 2, image ${i}`);
  });

  it('starts every image of an image-to-image batch from the one encoded image, each with its own noise', async () => {
    const init = { rgb: Uint8Array.from({ length: 128 * 128 * 3 }, (_, i) => ((i * 37) % 251) ^ (i >> 7)), strength: 0.7 };
    const batch = await generate(model, { ...base, init, n: 2 });
    for (const [i, image] of batch.images.entries()) {
      expectSameImage(image.rgb, (await generate(model, { ...base, init, seed: base.seed + i })).rgb, `image ${i}`);
    }
  });

  it('wraps the seeds past the largest one to 0', async () => {
    const batch = await generate(model, { ...base, steps: 2, seed: LIMITS.seedMax, n: 2 });
    expect(batch.images.map((i) => i.seed)).toEqual([LIMITS.seedMax, 0]);
    expectSameImage(batch.images[1].rgb, (await generate(model, { ...base, steps: 2, seed: 0 })).rgb, 'image 1');
  });
});
