import { describe, expect, it } from 'vitest';
import { ASPECT_RATIOS, aspectOf, sizeForAspect, sizeWarning } from './aspect-presets';

const demo = { width: 128, height: 128 };
const sd15 = { width: 512, height: 512 };

describe('sizeForAspect', () => {
  it('keeps the native size for 1:1', () => {
    expect(sizeForAspect('1:1', sd15)).toEqual(sd15);
  });

  it('gives every preset multiples of 8 near the native area, in the right orientation', () => {
    for (const r of ASPECT_RATIOS) {
      const { width, height } = sizeForAspect(r, sd15);
      expect(width % 8).toBe(0);
      expect(height % 8).toBe(0);
      expect((width * height) / (512 * 512)).toBeGreaterThan(0.9);
      expect((width * height) / (512 * 512)).toBeLessThan(1.1);
      const [a, b] = r.split(':').map(Number);
      expect(Math.sign(width - height)).toBe(Math.sign(a - b));
    }
    expect(sizeForAspect('16:9', sd15)).toEqual({ width: 680, height: 384 });
    expect(sizeForAspect('16:9', demo)).toEqual({ width: 168, height: 96 });
  });

  it('stays within the size limits and keeps the ratio when the native area is large', () => {
    expect(sizeForAspect('16:9', { width: 1024, height: 1024 })).toEqual({ width: 1024, height: 576 });
  });
});

describe('aspectOf', () => {
  it('recognises a preset size and calls anything else custom', () => {
    expect(aspectOf({ width: 680, height: 384 }, sd15)).toBe('16:9');
    expect(aspectOf({ width: 600, height: 384 }, sd15)).toBeNull();
  });
});

describe('sizeWarning', () => {
  it('is silent near the native size and warns far from it', () => {
    expect(sizeWarning({ width: 512, height: 512 }, sd15)).toBeNull();
    expect(sizeWarning({ width: 680, height: 384 }, sd15)).toBeNull();
    expect(sizeWarning({ width: 1024, height: 1024 }, sd15)).toMatch(/Far larger than this model's native 512×512/);
    expect(sizeWarning({ width: 64, height: 64 }, { width: 128, height: 128 })).toMatch(/Far smaller/);
    expect(sizeWarning({ width: 1024, height: 256 }, sd15)).toMatch(/very long/);
  });
});
