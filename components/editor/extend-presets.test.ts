import { describe, expect, it } from 'vitest';
import { editOutputSize } from '@/domain/edit-modes';
import { ASPECT_PRESETS, extendToAspect } from './extend-presets';

const preset = (label: string) => ASPECT_PRESETS.find((p) => p.label === label)!;

describe('extendToAspect', () => {
  it('widens a square to 16:9 evenly on the left and right, on the 8-pixel grid', () => {
    const e = extendToAspect(512, 512, preset('16:9'));
    expect(e.top + e.bottom).toBe(0);
    expect(e.left % 8).toBe(0);
    expect(e.right % 8).toBe(0);
    const out = editOutputSize('outpaint', 512, 512, e);
    expect(out.height).toBe(512);
    expect(Math.abs(out.width / out.height - 16 / 9)).toBeLessThan(0.02);
  });

  it('heightens a landscape image for 3:4 and leaves the sides alone', () => {
    const e = extendToAspect(640, 480, preset('3:4'));
    expect(e.left + e.right).toBe(0);
    const out = editOutputSize('outpaint', 640, 480, e);
    expect(out.width).toBe(640);
    expect(Math.abs(out.width / out.height - 3 / 4)).toBeLessThan(0.02);
  });

  it('adds nothing when the image already has the ratio', () => {
    expect(extendToAspect(256, 256, preset('1:1'))).toEqual({ left: 0, right: 0, top: 0, bottom: 0 });
  });

  it('caps each side at the server limit for a far-off ratio', () => {
    const e = extendToAspect(64, 1024, preset('16:9'));
    expect(e.left).toBe(512);
    expect(e.right).toBe(512);
  });
});
