import { describe, expect, it } from 'vitest';
import { invertMask, isMaskEmpty, maskCoverage, toBlackWhite } from './mask-ops';

/** A row of pixels with the given alphas, painted red where opaque. */
const pixels = (...alphas: number[]) => new Uint8ClampedArray(alphas.flatMap((a) => [a > 0 ? 255 : 0, 0, 0, a]));

describe('mask pixels', () => {
  it('calls a mask empty until a pixel is at least half covered', () => {
    expect(isMaskEmpty(pixels(0, 0, 0))).toBe(true);
    expect(isMaskEmpty(pixels(0, 127, 0))).toBe(true);
    expect(isMaskEmpty(pixels(0, 128, 0))).toBe(false);
  });

  it('measures the masked fraction', () => {
    expect(maskCoverage(pixels(255, 0, 200, 10))).toBe(0.5);
    expect(maskCoverage(new Uint8ClampedArray(0))).toBe(0);
  });

  it('exports opaque white where painted and opaque black elsewhere', () => {
    const bw = toBlackWhite(pixels(255, 0, 140, 90));
    expect(Array.from(bw)).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('inverts: painted becomes clear and clear becomes painted in the stroke colour', () => {
    const rgba = pixels(255, 0, 60);
    invertMask(rgba, [10, 20, 30]);
    expect(Array.from(rgba)).toEqual([0, 0, 0, 0, 10, 20, 30, 255, 10, 20, 30, 255]);
    invertMask(rgba, [10, 20, 30]);
    expect(maskCoverage(rgba)).toBeCloseTo(1 / 3);
  });
});
