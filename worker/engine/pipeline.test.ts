import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadModel, type LoadedModel } from '../models/load-model';
import { GenerationInterrupted } from './generation-interrupted';
import { generate, type GenerationRequest, type StepProgress } from './pipeline';

const modelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../models/tiny-sd');
const base: GenerationRequest = {
  prompt: 'a red circle on a blue background',
  negativePrompt: '',
  width: 64,
  height: 64,
  steps: 4,
  guidance: 7,
  seed: 42,
  sampler: 'ddim',
};

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(modelDir, { executionProvider: 'cpu', intraOpThreads: 1 });
});
afterAll(async () => {
  await model?.release();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Records the batch size of every real ONNX Runtime call to a session, without replacing it. */
function countBatches(session: InferenceSession, inputName: string): number[] {
  const batches: number[] = [];
  const run = session.run.bind(session);
  vi.spyOn(session, 'run').mockImplementation(((feeds: InferenceSession.FeedsType) => {
    batches.push((feeds[inputName] as Tensor).dims[0]);
    return run(feeds);
  }) as InferenceSession['run']);
  return batches;
}

describe('generate', () => {
  it('returns an RGB image of the requested size', async () => {
    const result = await generate(model, { ...base, width: 64, height: 128 });
    expect([result.width, result.height, result.channels]).toEqual([64, 128, 3]);
    expect(result.rgb).toBeInstanceOf(Uint8Array);
    expect(result.rgb).toHaveLength(64 * 128 * 3);
    expect(new Set(result.rgb).size).toBeGreaterThan(10); // an image, not a flat fill
    expect(result.timingsMs.steps).toHaveLength(base.steps);
    expect(result.promptTruncated).toBe(false);
  });

  it('is byte-for-byte reproducible for the same seed', async () => {
    const first = await generate(model, base);
    const second = await generate(model, base);
    expect(Buffer.from(second.rgb).equals(Buffer.from(first.rgb))).toBe(true);
  });

  it('changes with the seed and with the prompt', async () => {
    const reference = await generate(model, base);
    const otherSeed = await generate(model, { ...base, seed: 43 });
    const otherPrompt = await generate(model, { ...base, prompt: 'a green circle on a yellow background' });
    expect(Buffer.from(otherSeed.rgb).equals(Buffer.from(reference.rgb))).toBe(false);
    expect(Buffer.from(otherPrompt.rgb).equals(Buffer.from(reference.rgb))).toBe(false);
  });

  it('batches the unconditional and conditional passes into one UNet call per step', async () => {
    const unetBatches = countBatches(model.unet.session, model.unet.sampleName);
    const textBatches = countBatches(model.textEncoder.session, model.textEncoder.inputName);
    await generate(model, { ...base, guidance: 7 });
    expect(unetBatches).toEqual([2, 2, 2, 2]);
    expect(textBatches).toEqual([2]);
  });

  it('skips the unconditional pass when guidance is 1 or less', async () => {
    const unetBatches = countBatches(model.unet.session, model.unet.sampleName);
    const textBatches = countBatches(model.textEncoder.session, model.textEncoder.inputName);
    const unguided = await generate(model, { ...base, guidance: 1 });
    expect(unetBatches).toEqual([1, 1, 1, 1]);
    expect(textBatches).toEqual([1]);
    vi.restoreAllMocks();
    const guided = await generate(model, { ...base, guidance: 7 });
    expect(Buffer.from(guided.rgb).equals(Buffer.from(unguided.rgb))).toBe(false);
  });

  it('reports every step in order, awaiting the listener', async () => {
    const seen: StepProgress[] = [];
    let pending = 0;
    await generate(model, { ...base, steps: 5 }, {
      onStep: async (progress) => {
        expect(pending).toBe(0); // the previous listener call has finished
        pending++;
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(progress);
        pending--;
      },
    });
    expect(seen.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.every((p) => p.steps === 5)).toBe(true);
    expect(seen[0].shape).toEqual([1, 4, 8, 8]);
    expect(seen[0].latents).toHaveLength(4 * 8 * 8);
    expect(seen[4].latents).not.toBe(seen[3].latents);
  });

  it('stops at the next step boundary when cancelled', async () => {
    const controller = new AbortController();
    const unetBatches = countBatches(model.unet.session, model.unet.sampleName);
    const steps: number[] = [];
    const run = generate(model, { ...base, steps: 10 }, {
      signal: controller.signal,
      onStep: ({ step }) => {
        steps.push(step);
        if (step === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(GenerationInterrupted);
    await expect(run).rejects.toMatchObject({ reason: 'cancelled', completedSteps: 2 });
    expect(steps).toEqual([1, 2]);
    expect(unetBatches).toHaveLength(2);
  });

  it('does no work when the signal is already aborted', async () => {
    const unetBatches = countBatches(model.unet.session, model.unet.sampleName);
    await expect(generate(model, base, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'GenerationInterrupted',
      reason: 'cancelled',
    });
    expect(unetBatches).toHaveLength(0);
  });

  it('refuses sizes that are not multiples of 8 and unknown samplers', async () => {
    await expect(generate(model, { ...base, width: 60 })).rejects.toThrow(RangeError);
    await expect(generate(model, { ...base, sampler: 'plms' })).rejects.toThrow(/unknown sampler/);
  });
});

const { SAMPLER_NAMES } = await import('./schedulers/create-scheduler');

describe('generate with every sampler', () => {
  it.each(SAMPLER_NAMES)('%s denoises to a finite image, reproducibly', async (sampler) => {
    const request = { ...base, sampler };
    const previews: Float32Array[] = [];
    const first = await generate(model, request, { onStep: ({ denoised }) => void (denoised && previews.push(denoised)) });
    const second = await generate(model, request);
    expect(first.rgb).toHaveLength(base.width * base.height * 3);
    expect(Buffer.from(first.rgb).equals(Buffer.from(second.rgb))).toBe(true);
    expect(previews).toHaveLength(base.steps);
    expect(previews.every((p) => p.every(Number.isFinite))).toBe(true);
  });
});
