import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listModels } from '../../server/models/list-models';
import { maskImagePlanes, maskToLatentGrid } from '../engine/edit/latent-mask';
import { featherMask } from '../engine/edit/mask-feather';
import { rgbBytesToChw } from '../engine/encode-image';
import { generate, type GenerationRequest } from '../engine/pipeline';
import { loadModel, type LoadedModel } from './load-model';

// The 9-channel inpainting path on testing/tiny-sd-inpaint (random weights: shapes and plumbing).
const modelsDir = path.dirname(fileURLToPath(import.meta.url));
const SIZE = 64;
const original = Uint8Array.from({ length: SIZE * SIZE * 3 }, (_, i) => (i * 37 + (i >> 7) * 11) % 256);
const mask = new Uint8Array(SIZE * SIZE);
for (let y = 20; y < 37; y++) for (let x = 18; x < 41; x++) mask[y * SIZE + x] = 255;
const base: GenerationRequest = {
  prompt: 'a photo of a cat',
  negativePrompt: 'blurry',
  width: SIZE,
  height: SIZE,
  steps: 4,
  guidance: 7.5,
  seed: 3,
  sampler: 'ddim',
  init: { rgb: original, strength: 1, mask, maskFeather: 2 },
};

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(path.join(modelsDir, 'testing', 'tiny-sd-inpaint'), { executionProvider: 'cpu', intraOpThreads: 1 });
});
afterAll(async () => {
  await model?.release();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Copies of what every UNet call was fed as its sample (the pipeline reuses its input buffer). */
function recordUnetSamples(): { dims: readonly number[]; data: Float32Array }[] {
  const samples: { dims: readonly number[]; data: Float32Array }[] = [];
  const { session } = model.unet;
  const run = session.run.bind(session);
  vi.spyOn(session, 'run').mockImplementation(((feeds: InferenceSession.FeedsType) => {
    const sample = feeds[model.unet.sampleName] as Tensor;
    samples.push({ dims: sample.dims, data: (sample.data as Float32Array).slice() });
    return run(feeds);
  }) as InferenceSession['run']);
  return samples;
}

describe('a 9-channel inpainting model (testing/tiny-sd-inpaint)', () => {
  it('is detected from the UNet input shape', () => {
    expect(model.unetInChannels).toBe(9);
  });

  it.each(['ddim', 'euler'])('feeds noisy latents, the latent mask, then the masked image latents (%s, n = 2)', async (sampler) => {
    const samples = recordUnetSamples();
    const result = await generate(model, { ...base, sampler, n: 2 });
    expect(samples).toHaveLength(4);
    const cells = (SIZE / 8) ** 2;
    const alpha = featherMask(mask, SIZE, SIZE, 2);
    const grid = maskToLatentGrid(alpha, SIZE, SIZE);
    // What diffusers' StableDiffusionInpaintPipeline concatenates: the masked image is the original with repainted cells grey.
    const masked = maskImagePlanes(rgbBytesToChw(original, SIZE, SIZE), grid, SIZE, SIZE);
    const encoder = model.vaeEncoder!;
    const encoded = await encoder.session.run({ [encoder.inputName]: new Tensor('float32', masked, [1, 3, SIZE, SIZE]) });
    const maskedLatents = (encoded[encoder.outputName].data as Float32Array).map((v) => v * model.scalingFactor);
    for (const sample of samples) {
      expect(sample.dims).toEqual([4, 9, SIZE / 8, SIZE / 8]); // 2 images x (unconditional, conditional)
      const { data } = sample;
      for (let row = 0; row < 4; row++) {
        const at = row * 9 * cells;
        expect(Array.from(data.subarray(at + 4 * cells, at + 5 * cells))).toEqual(Array.from(grid));
        const fed = data.subarray(at + 5 * cells, at + 9 * cells);
        fed.forEach((v, i) => expect(v).toBeCloseTo(maskedLatents[i], 5));
      }
    }
    expect(grid.some((v) => v === 1) && grid.some((v) => v === 0)).toBe(true);
    // The noisy latents change from step to step; the conditioning does not.
    const first = samples[0].data;
    const last = samples[3].data;
    expect(first.subarray(0, 4 * cells).some((v, i) => v !== last[i])).toBe(true);
    for (const image of result.images) {
      let changedInside = 0;
      for (let p = 0; p < SIZE * SIZE; p++) {
        if (alpha[p] === 0) {
          for (let c = 0; c < 3; c++) expect(image.rgb[p * 3 + c]).toBe(original[p * 3 + c]);
        } else if (mask[p] === 255 && image.rgb[p * 3] !== original[p * 3]) changedInside++;
      }
      expect(changedInside).toBeGreaterThan(100);
    }
  });

  it('shows the composite in previews: the estimate keeps the original latents outside the mask', async () => {
    const grid = maskToLatentGrid(featherMask(mask, SIZE, SIZE, 2), SIZE, SIZE);
    const estimates: Float32Array[] = [];
    await generate(model, base, { onStep: ({ denoised }) => void estimates.push(denoised!.slice()) });
    expect(estimates).toHaveLength(4);
    const kept = (i: number) => grid[i % grid.length] === 0;
    const same = (i: number) => estimates.every((e) => e[i] === estimates[0][i]);
    expect(estimates[0].every((_, i) => !kept(i) || same(i))).toBe(true);
    expect(estimates[0].some((_, i) => !kept(i) && !same(i))).toBe(true);
  });

  it('runs text to image too, with everything masked over a grey image', async () => {
    const samples = recordUnetSamples();
    const result = await generate(model, { ...base, init: undefined, steps: 2 });
    expect(result.rgb).toHaveLength(SIZE * SIZE * 3);
    const cells = (SIZE / 8) ** 2;
    const { data } = samples[0];
    expect(samples[0].dims).toEqual([2, 9, 8, 8]);
    expect(Array.from(data.subarray(4 * cells, 5 * cells)).every((v) => v === 1)).toBe(true);
  });

  it('is not listed as a user model', async () => {
    expect((await listModels(modelsDir)).map((m) => m.id)).not.toContain('tiny-sd-inpaint');
  });
});
