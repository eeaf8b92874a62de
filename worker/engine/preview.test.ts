import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePreviewWebp } from './encode-preview';
import { latentsToPreview, tileLatents, type LatentRgbFactors } from './preview';

// Channel c drives colour c (channel 3 is ignored), so expected bytes are easy to compute by hand.
const factors: LatentRgbFactors = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]];

describe('latentsToPreview', () => {
  it('projects every latent pixel to one RGB pixel, row-major HWC', () => {
    const shape = [1, 4, 2, 3];
    const plane = 6;
    const latents = new Float32Array(4 * plane);
    latents[0 * plane + 1] = 1; // pixel (0,1) red at full
    latents[1 * plane + 4] = -1; // pixel (1,1) green at the bottom of the range
    latents[2 * plane + 5] = 0.5; // pixel (1,2) blue three quarters
    latents[3 * plane + 0] = 100; // ignored channel
    const rgb = latentsToPreview(latents, shape, factors);
    expect(rgb).toHaveLength(2 * 3 * 3);
    expect(Array.from(rgb.slice(0, 3))).toEqual([128, 128, 128]);
    expect(Array.from(rgb.slice(3, 6))).toEqual([255, 128, 128]);
    expect(Array.from(rgb.slice(12, 15))).toEqual([128, 0, 128]);
    expect(Array.from(rgb.slice(15, 18))).toEqual([128, 128, 191]);
  });

  it('adds the bias and clamps out-of-range colours', () => {
    const latents = new Float32Array([3, -3, 0, 0]);
    const rgb = latentsToPreview(latents, [1, 4, 1, 1], factors, [0, 0, -0.5]);
    expect(Array.from(rgb)).toEqual([255, 0, 64]);
  });

  it('refuses factors that do not match the latent channels', () => {
    expect(() => latentsToPreview(new Float32Array(3), [1, 3, 1, 1], factors)).toThrow(/channels/);
  });
});

describe('encodePreviewWebp', () => {
  it('enlarges small previews to the minimum side and keeps the aspect ratio', async () => {
    const rgb = new Uint8Array(16 * 8 * 3).fill(200);
    const webp = await encodePreviewWebp(rgb, 16, 8, { minSide: 64 });
    const meta = await sharp(webp).metadata();
    expect(meta.format).toBe('webp');
    expect([meta.width, meta.height]).toEqual([128, 64]);
  });

  it('leaves previews that are already large enough at their size', async () => {
    const webp = await encodePreviewWebp(new Uint8Array(96 * 80 * 3), 96, 80);
    const meta = await sharp(webp).metadata();
    expect([meta.width, meta.height]).toEqual([96, 80]);
  });
});

describe('tileLatents', () => {
  // Image i's latents are all i + 1 (channel 0 = c * 10 + i + 1 elsewhere), so each tile says whose it is.
  const batch = (n: number, h: number, w: number) => {
    const out = new Float32Array(n * 4 * h * w);
    for (let i = 0; i < n; i++) for (let c = 0; c < 4; c++) out.fill(c * 10 + i + 1, (i * 4 + c) * h * w, (i * 4 + c + 1) * h * w);
    return out;
  };
  const at = (t: { latents: Float32Array; shape: readonly number[] }, c: number, y: number, x: number) =>
    t.latents[c * t.shape[2] * t.shape[3] + y * t.shape[3] + x];

  it('lays four images out two by two, every channel in place', () => {
    const tiled = tileLatents(batch(4, 2, 3), [4, 4, 2, 3], 2);
    expect(tiled.shape).toEqual([1, 4, 4, 6]);
    expect([at(tiled, 0, 0, 0), at(tiled, 0, 0, 3), at(tiled, 0, 2, 0), at(tiled, 0, 3, 5)]).toEqual([1, 2, 3, 4]);
    expect([at(tiled, 3, 1, 2), at(tiled, 3, 1, 3)]).toEqual([31, 32]);
  });

  it('puts three images side by side, and hands one image back as it is', () => {
    const tiled = tileLatents(batch(3, 2, 2), [3, 4, 2, 2], 3);
    expect(tiled.shape).toEqual([1, 4, 2, 6]);
    expect([0, 2, 4].map((x) => at(tiled, 1, 1, x))).toEqual([11, 12, 13]);
    const one = batch(1, 2, 2);
    expect(tileLatents(one, [1, 4, 2, 2], 1).latents).toBe(one);
  });
});
