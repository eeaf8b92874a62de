import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedDemoModel } from '../../testing/demo-model';
import { colourFractions, discMask, drawDisc, psnr, type Rgb } from './edit-metrics';
import { featherMask } from './mask-feather';
import { cropBoxFor, generateOnlyMasked, maskBox, shouldUseOnlyMasked } from './only-masked';

const RED: Rgb = [220, 40, 40];
const GREEN: Rgb = [40, 170, 60];
const BLUE: Rgb = [40, 80, 220];
const SIZE = 256;
const native = { width: 128, height: 128 };
const disc = { cx: 70, cy: 180, radius: 18 };
const original = drawDisc(SIZE, SIZE, disc, RED, BLUE);
const mask = discMask(SIZE, SIZE, disc, 4);

const demoModel = sharedDemoModel();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('choosing only-masked', () => {
  it('picks it for a small mask on an image larger than native, not for large masks or native-size images', () => {
    expect(shouldUseOnlyMasked(mask, SIZE, SIZE, native)).toBe(true);
    expect(shouldUseOnlyMasked(discMask(SIZE, SIZE, { cx: 128, cy: 128, radius: 100 }, 0), SIZE, SIZE, native)).toBe(false);
    expect(shouldUseOnlyMasked(discMask(128, 128, { cx: 64, cy: 64, radius: 10 }, 0), 128, 128, native)).toBe(false);
    expect(shouldUseOnlyMasked(new Uint8Array(SIZE * SIZE), SIZE, SIZE, native)).toBe(false);
  });

  it('crops the mask box plus padding on the 8-pixel grid, at the native aspect, inside the image', () => {
    const box = maskBox(mask, SIZE, SIZE)!;
    const crop = cropBoxFor(box, SIZE, SIZE, native, 32);
    expect([crop.x % 8, crop.y % 8, crop.width % 8, crop.height % 8]).toEqual([0, 0, 0, 0]);
    expect(crop.x).toBeLessThanOrEqual(box.x - 32);
    expect(crop.y).toBeLessThanOrEqual(box.y - 32);
    expect(crop.x + crop.width).toBeGreaterThanOrEqual(box.x + box.width + 32);
    expect(crop.y + crop.height).toBeGreaterThanOrEqual(box.y + box.height + 32);
    expect(Math.abs(crop.width - crop.height)).toBeLessThanOrEqual(8); // the native aspect, up to the grid
    const corner = cropBoxFor({ x: 0, y: 240, width: 10, height: 16 }, SIZE, SIZE, native, 32);
    expect([corner.x, corner.y + corner.height]).toEqual([0, SIZE]);
  });
});

describe('generateOnlyMasked', () => {
  it('inpaints the crop at the native size and pastes it back, leaving everything outside unchanged', async () => {
    const sizes: number[][] = [];
    const run = demoModel().unet.session.run.bind(demoModel().unet.session);
    vi.spyOn(demoModel().unet.session, 'run').mockImplementation(((feeds: InferenceSession.FeedsType) => {
      sizes.push((feeds[demoModel().unet.sampleName] as Tensor).dims.slice(2) as number[]);
      return run(feeds);
    }) as InferenceSession['run']);
    const result = await generateOnlyMasked(demoModel(), {
      prompt: 'a large green circle on a blue background',
      negativePrompt: '',
      width: SIZE,
      height: SIZE,
      steps: 20,
      guidance: 7.5,
      seed: 2,
      sampler: 'ddim',
      init: { rgb: original, strength: 1, mask },
    });
    expect([result.width, result.height, result.rgb.length]).toEqual([SIZE, SIZE, SIZE * SIZE * 3]);
    expect(result.cropSize).toEqual({ width: 128, height: 128 });
    expect(sizes).toHaveLength(20);
    expect(sizes.every(([h, w]) => h === 16 && w === 16)).toBe(true); // the UNet ran at 128x128, not 256x256
    const alpha = featherMask(mask, SIZE, SIZE, 4);
    const outside = psnr(result.rgb, original, (p) => alpha[p] === 0);
    const inDisc = (p: number) => ((p % SIZE) + 0.5 - disc.cx) ** 2 + (Math.floor(p / SIZE) + 0.5 - disc.cy) ** 2 <= disc.radius ** 2;
    const after = colourFractions(result.rgb, { red: RED, green: GREEN, blue: BLUE }, inDisc);
    console.log(`only-masked: crop ${JSON.stringify(result.crop)} -> 128x128; PSNR outside ${outside} dB; inside red ${after.red.toFixed(3)}, green ${after.green.toFixed(3)}`);
    expect(outside).toBe(Infinity);
    expect(after.red).toBeLessThan(0.05);
    expect(after.green).toBeGreaterThan(0.3);
  });
});
