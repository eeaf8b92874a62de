import { describe, expect, it } from 'vitest';
import { sharedDemoModel } from '../../testing/demo-model';
import type { Checkpoint } from '../checkpoint';
import { generate, type GenerationRequest } from '../pipeline';
import { colourFractions, discMask, drawDisc, isNearest, psnr, seamDifference, type Rgb } from './edit-metrics';
import { maskToLatentGrid } from './latent-mask';
import { featherMask } from './mask-feather';

// Issue #16's acceptance check on the demo demoModel() (4-channel UNet): a red disc on blue, the disc
// masked, "a large green circle on a blue background". The demo model's palette colours.
const RED: Rgb = [220, 40, 40];
const GREEN: Rgb = [40, 170, 60];
const BLUE: Rgb = [40, 80, 220];
const palette = { red: RED, green: GREEN, blue: BLUE };
const SIZE = 128;
const disc = { cx: 64, cy: 64, radius: 30 };
const original = drawDisc(SIZE, SIZE, disc, RED, BLUE);
const mask = discMask(SIZE, SIZE, disc, 6);
const FEATHER = 4;
const alpha = featherMask(mask, SIZE, SIZE, FEATHER);
const inDisc = (p: number) => ((p % SIZE) + 0.5 - disc.cx) ** 2 + (Math.floor(p / SIZE) + 0.5 - disc.cy) ** 2 <= disc.radius ** 2;
const base: GenerationRequest = {
  prompt: 'a large green circle on a blue background',
  negativePrompt: '',
  width: SIZE,
  height: SIZE,
  steps: 20,
  guidance: 7.5,
  seed: 1,
  sampler: 'ddim',
  init: { rgb: original, strength: 1, mask, maskFeather: FEATHER },
};

const demoModel = sharedDemoModel();

/** The acceptance figures of one edited image, printed, and the assertions on them. */
function checkEdit(label: string, rgb: Uint8Array) {
  const outside = psnr(rgb, original, (p) => alpha[p] === 0);
  const before = colourFractions(original, palette, inDisc);
  const after = colourFractions(rgb, palette, inDisc);
  const seam = seamDifference(rgb, original, mask, SIZE, SIZE);
  const backgroundSeam = seamDifference(rgb, original, mask, SIZE, SIZE, { where: isNearest(rgb, palette, 'blue') });
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  console.log(
    `${label}: PSNR outside the feathered mask ${outside} dB; inside the disc red ${pct(before.red)} -> ${pct(after.red)}, ` +
      `green ${pct(before.green)} -> ${pct(after.green)}; seam (mean |diff| within 3 px of the mask edge) ${seam.toFixed(2)}, ` +
      `on background pixels ${backgroundSeam.toFixed(2)} (0..255)`,
  );
  expect(outside).toBeGreaterThanOrEqual(40);
  expect(before.red).toBe(1);
  expect(after.red).toBeLessThan(0.02);
  expect(after.green).toBeGreaterThan(0.3);
  // New content may reach the edge (the circle meets it); the background must carry on without a colour step.
  expect(backgroundSeam).toBeLessThan(16);
  expect(seam).toBeLessThan(60);
}

describe('inpainting with a 4-channel UNet (kumori-demo)', () => {
  it('repaints the masked red disc green and leaves everything outside the feathered mask as it was (DDIM, n = 2)', async () => {
    const result = await generate(demoModel(), { ...base, n: 2 });
    expect(result.images).toHaveLength(2);
    result.images.forEach((image, i) => checkEdit(`DDIM 20, image ${i}`, image.rgb));
    // Outside the feather the bytes are the original's exactly, not a VAE round trip of them.
    for (let p = 0; p < SIZE * SIZE; p++) {
      if (alpha[p] === 0) expect(result.rgb[p * 3 + 2]).toBe(original[p * 3 + 2]);
    }
  });

  it.each(['euler', 'dpmpp_2m'])('works with a sampler that keeps sigma-scaled latents (%s)', async (sampler) => {
    const result = await generate(demoModel(), { ...base, sampler });
    checkEdit(`${sampler} 20`, result.rgb);
  });

  it('shows the composite in previews: the estimate outside the mask is the original latents at every step', async () => {
    const grid = maskToLatentGrid(alpha, SIZE, SIZE);
    const cells = grid.length;
    const estimates: Float32Array[] = [];
    await generate(demoModel(), { ...base, steps: 6 }, { onStep: ({ denoised }) => void estimates.push(denoised!.slice()) });
    expect(estimates).toHaveLength(6);
    let keptSame = true;
    let maskedMoved = false;
    for (let i = 0; i < estimates[0].length; i++) {
      const same = estimates.every((e) => e[i] === estimates[0][i]);
      if (grid[i % cells] === 0) keptSame &&= same;
      else maskedMoved ||= !same;
    }
    expect(keptSame).toBe(true);
    expect(maskedMoved).toBe(true);
  });

  it('resumes a masked run from its checkpoint to the same bytes, and refuses it for another mask', async () => {
    const request = { ...base, steps: 8, n: 2, sampler: 'euler_a' };
    const checkpoints: Checkpoint[] = [];
    const whole = await generate(demoModel(), request, { checkpointEvery: 3, onCheckpoint: async (c) => void checkpoints.push(c) });
    expect(checkpoints.map((c) => c.step)).toEqual([3, 6]);
    const resumed = await generate(demoModel(), request, { resume: checkpoints[0] });
    expect(resumed.resumedFromStep).toBe(3);
    resumed.images.forEach((image, i) => expect(Buffer.from(image.rgb).equals(Buffer.from(whole.images[i].rgb))).toBe(true));
    const otherMask = discMask(SIZE, SIZE, disc, 2);
    await expect(generate(demoModel(), { ...request, init: { ...request.init!, mask: otherMask } }, { resume: checkpoints[0] })).rejects.toThrow(
      /another request/,
    );
  });

  it('refuses a mask of another size', async () => {
    await expect(generate(demoModel(), { ...base, init: { ...base.init!, mask: new Uint8Array(10) } })).rejects.toThrow(RangeError);
  });
});
