import { describe, expect, it } from 'vitest';
import { maskImagePlanes, maskToLatentGrid } from './latent-mask';
import { compositeThroughMask, featherMask } from './mask-feather';

const [W, H] = [32, 16];
function square(x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const mask = new Uint8Array(W * H);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) mask[y * W + x] = 255;
  return mask;
}

describe('featherMask', () => {
  it('keeps the mask at 1, ramps down outside it over the radius, and is 0 beyond', () => {
    const alpha = featherMask(square(10, 4, 14, 8), W, H, 4);
    expect(alpha[5 * W + 11]).toBe(1);
    const row = Array.from({ length: 8 }, (_, i) => alpha[5 * W + 14 + i]);
    for (let i = 1; i < row.length; i++) expect(row[i]).toBeLessThanOrEqual(row[i - 1]);
    expect(row[0]).toBeGreaterThan(0.5);
    expect(row[0]).toBeLessThan(1);
    expect(row[5]).toBe(0);
    expect(alpha[0]).toBe(0);
  });

  it('is the mask itself at radius 0, soft values included', () => {
    const mask = square(2, 2, 4, 4);
    mask[0] = 100;
    const alpha = featherMask(mask, W, H, 0);
    expect(alpha[0]).toBeCloseTo(100 / 255);
    expect(alpha[2 * W + 2]).toBe(1);
    expect(alpha[1]).toBe(0);
  });
});

describe('maskToLatentGrid', () => {
  it('repaints every 8x8 cell the mask touches, even by one pixel', () => {
    const alpha = new Float32Array(W * H);
    alpha[7 * W + 8] = 0.01; // the first pixel of cell (1, 0)
    alpha[15 * W + 31] = 1; // the last pixel of cell (3, 1)
    expect(Array.from(maskToLatentGrid(alpha, W, H))).toEqual([0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('greys out whole repainted cells of the image planes', () => {
    const planes = new Float32Array(3 * W * H).fill(0.5);
    const out = maskImagePlanes(planes, Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0]), W, H);
    expect(out[0]).toBe(0);
    expect(out[7 * W + 7]).toBe(0);
    expect(out[2 * W * H + 7 * W + 7]).toBe(0);
    expect(out[8]).toBe(0.5);
    expect(out[8 * W]).toBe(0.5);
  });
});

describe('compositeThroughMask', () => {
  it('takes the original where alpha is 0, the generated where 1, and mixes between', () => {
    const original = Uint8Array.from([10, 20, 30, 10, 20, 30, 10, 20, 30]);
    const generated = Uint8Array.from([110, 120, 130, 110, 120, 130, 110, 120, 130]);
    const out = compositeThroughMask(original, generated, Float32Array.from([0, 0.5, 1]));
    expect(Array.from(out)).toEqual([10, 20, 30, 60, 70, 80, 110, 120, 130]);
  });
});
