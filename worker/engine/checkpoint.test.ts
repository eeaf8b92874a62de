import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type LoadedModel } from '../models/load-model';
import { CheckpointMismatchError, requestFingerprint, type Checkpoint } from './checkpoint';
import { generate, type GenerationRequest } from './pipeline';
import { SAMPLER_NAMES } from './schedulers/create-scheduler';

const modelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../models/tiny-sd');
const base: GenerationRequest = {
  prompt: 'a red circle on a blue background',
  negativePrompt: 'blurry',
  width: 64,
  height: 64,
  steps: 7,
  guidance: 7,
  seed: 1234,
  sampler: 'ddim',
};
// A start image with some structure, so the VAE encoder has something to encode.
const initRgb = Uint8Array.from({ length: 64 * 64 * 3 }, (_, i) => ((i * 37) % 251) ^ (i >> 6));

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(modelDir, { executionProvider: 'cpu', intraOpThreads: 1 });
});
afterAll(async () => {
  await model?.release();
});

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** A checkpoint as it comes back from storage: every array copied, nothing shared with the run. */
const stored = (cp: Checkpoint): Checkpoint => structuredClone(cp);

async function runCollecting(request: GenerationRequest, every: number) {
  const checkpoints: Checkpoint[] = [];
  const result = await generate(model, request, { checkpointEvery: every, onCheckpoint: async (cp) => void checkpoints.push(stored(cp)) });
  return { result, checkpoints };
}

describe.each(SAMPLER_NAMES)('%s resumed from a checkpoint', (sampler) => {
  it('text to image: every checkpoint resumes to the uninterrupted bytes', async () => {
    const request = { ...base, sampler };
    const plain = await generate(model, request);
    const { result, checkpoints } = await runCollecting(request, 2);
    expect(same(result.rgb, plain.rgb)).toBe(true); // checkpointing does not change the run
    expect(checkpoints.map((c) => c.step)).toEqual([2, 4, 6]);
    for (const cp of checkpoints) {
      const steps: number[] = [];
      const resumed = await generate(model, request, { resume: cp, onStep: ({ step }) => void steps.push(step) });
      expect(same(resumed.rgb, plain.rgb), `resumed from step ${cp.step}`).toBe(true);
      expect(steps[0]).toBe(cp.step + 1);
      expect(resumed.timingsMs.steps).toHaveLength(7 - cp.step);
      expect(resumed.resumedFromStep).toBe(cp.step);
    }
  });

  it('image to image: resumes to the uninterrupted bytes', async () => {
    const request = { ...base, sampler, steps: 10, init: { rgb: initRgb, strength: 0.6 } };
    const plain = await generate(model, request);
    const { result, checkpoints } = await runCollecting(request, 3);
    // strength 0.6 leaves 6 of the 10 steps; LCM shortens its grid instead and runs all 10.
    expect(checkpoints[0]).toMatchObject({ step: 3, steps: sampler === 'lcm' ? 10 : 6 });
    expect(result.timingsMs.steps).toHaveLength(checkpoints[0].steps);
    for (const cp of checkpoints) {
      const resumed = await generate(model, request, { resume: cp });
      expect(same(resumed.rgb, plain.rgb), `resumed from step ${cp.step}`).toBe(true);
    }
  });
});

describe('checkpoints', () => {
  it('resumes a checkpoint taken from a resumed run (a job that crashes twice)', async () => {
    const request = { ...base, sampler: 'dpmpp_2m_karras', steps: 9 };
    const plain = await generate(model, request);
    const first = (await runCollecting(request, 3)).checkpoints[0];
    const later: Checkpoint[] = [];
    await generate(model, request, { resume: first, checkpointEvery: 3, onCheckpoint: async (cp) => void later.push(stored(cp)) });
    expect(later.map((c) => c.step)).toEqual([6]);
    expect(same((await generate(model, request, { resume: later[0] })).rgb, plain.rgb)).toBe(true);
  });

  it('are never applied to another request', async () => {
    const request = { ...base, sampler: 'euler_a' };
    const [cp] = (await runCollecting(request, 3)).checkpoints;
    for (const other of [{ seed: 1235 }, { prompt: 'a green square' }, { guidance: 6 }, { sampler: 'euler' }, { steps: 8 }]) {
      await expect(generate(model, { ...request, ...other }, { resume: cp })).rejects.toThrow(CheckpointMismatchError);
    }
    const img = { ...request, init: { rgb: initRgb, strength: 0.6 } };
    const changed = { ...img, init: { rgb: initRgb.map((v, i) => (i === 0 ? v ^ 1 : v)), strength: 0.6 } };
    expect(requestFingerprint(model, img)).not.toBe(requestFingerprint(model, changed));
    expect(requestFingerprint(model, request)).toBe(requestFingerprint(model, { ...request }));
  });

  it('hold all n latents and noise streams of a batch, and resume the batch to the uninterrupted bytes', async () => {
    const request = { ...base, sampler: 'euler_a', n: 3 };
    const plain = await generate(model, request);
    const { result, checkpoints } = await runCollecting(request, 3);
    result.images.forEach((image, i) => expect(same(image.rgb, plain.images[i].rgb)).toBe(true));
    expect(checkpoints.map((c) => [c.step, c.latents.length, c.rng.length])).toEqual([[3, 3 * 4 * 8 * 8, 12], [6, 3 * 4 * 8 * 8, 12]]);
    for (const cp of checkpoints) {
      const resumed = await generate(model, request, { resume: cp });
      expect(resumed.images.map((image) => image.seed)).toEqual([1234, 1235, 1236]);
      resumed.images.forEach((image, i) => expect(same(image.rgb, plain.images[i].rgb), `image ${i} from step ${cp.step}`).toBe(true));
    }
  });

  it('of a batch are never applied to another number of images; one image keeps its fingerprint from before n', async () => {
    const request = { ...base, n: 2 };
    const [cp] = (await runCollecting(request, 3)).checkpoints;
    for (const n of [1, 3]) await expect(generate(model, { ...request, n }, { resume: cp })).rejects.toThrow(CheckpointMismatchError);
    await expect(generate(model, base, { resume: cp })).rejects.toThrow(CheckpointMismatchError);
    expect(requestFingerprint(model, { ...base, n: 1 })).toBe(requestFingerprint(model, base));
    // A checkpoint that lost an image's noise stream does not fit.
    const [single] = (await runCollecting(base, 3)).checkpoints;
    await expect(generate(model, base, { resume: { ...single, rng: [...single.rng, 1, 2, 3, 4] } })).rejects.toThrow(CheckpointMismatchError);
  });

  it('refuses a checkpoint that does not fit the run', async () => {
    const [cp] = (await runCollecting(base, 3)).checkpoints;
    await expect(generate(model, base, { resume: { ...cp, step: 7 } })).rejects.toThrow(CheckpointMismatchError);
    await expect(generate(model, base, { resume: { ...cp, latents: cp.latents.subarray(1) } })).rejects.toThrow(CheckpointMismatchError);
  });

  it('a suspended run writes its state at the step boundary and resumes from it', async () => {
    const request = { ...base, sampler: 'lcm', steps: 6 };
    const plain = await generate(model, request);
    const suspend = new AbortController();
    const written: Checkpoint[] = [];
    const run = generate(model, request, {
      checkpointEvery: 2,
      onCheckpoint: async (cp) => void written.push(stored(cp)),
      suspend: suspend.signal,
      onStep: ({ step }) => {
        if (step === 3) suspend.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'GenerationInterrupted', reason: 'suspended' });
    await run.catch((err) => expect(err.completedSteps).toBe(3));
    expect(written.map((c) => c.step)).toEqual([2, 3]);
    expect(same((await generate(model, request, { resume: written[1] })).rgb, plain.rgb)).toBe(true);
  });

  it('a suspend right after a periodic checkpoint does not write it twice', async () => {
    const suspend = new AbortController();
    const written: number[] = [];
    const run = generate(model, base, {
      checkpointEvery: 2,
      onCheckpoint: async (cp) => void written.push(cp.step),
      suspend: suspend.signal,
      onStep: ({ step }) => {
        if (step === 4) suspend.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'GenerationInterrupted', reason: 'suspended' });
    expect(written).toEqual([2, 4]);
  });

  it('a cancel wins over a suspend', async () => {
    const cancel = new AbortController();
    const suspend = new AbortController();
    const run = generate(model, base, {
      signal: cancel.signal,
      suspend: suspend.signal,
      onStep: ({ step }) => {
        if (step === 2) [cancel, suspend].forEach((c) => c.abort());
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'GenerationInterrupted', reason: 'cancelled', completedSteps: 2 });
  });
});
