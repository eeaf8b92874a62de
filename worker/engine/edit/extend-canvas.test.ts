import { describe, expect, it } from 'vitest';
import { extendCanvas } from './extend-canvas';

const [W, H] = [40, 24];
const image = Uint8Array.from({ length: W * H * 3 }, (_, i) => (i * 7) % 251);

describe('extendCanvas', () => {
  it('rounds the canvas up to the 8-pixel grid on the sides that grow', () => {
    const canvas = extendCanvas(image, W, H, { left: 0, right: 13, top: 5, bottom: 0 });
    expect([canvas.width % 8, canvas.height % 8]).toEqual([0, 0]);
    expect(canvas.extension).toEqual({ left: 0, right: 16, top: 8, bottom: 0 });
    expect([canvas.width, canvas.height]).toEqual([56, 32]);
    expect(canvas.rgb).toHaveLength(56 * 32 * 3);
    expect(canvas.mask).toHaveLength(56 * 32);
  });

  it('keeps the original pixels at their offset and masks the new area plus an overlap band', () => {
    const canvas = extendCanvas(image, W, H, { left: 16, right: 0, top: 0, bottom: 8 }, { overlap: 6 });
    const { left, top } = canvas.extension;
    for (let y = 0; y < canvas.height; y++) {
      for (let x = 0; x < canvas.width; x++) {
        const [ox, oy] = [x - left, y - top];
        const inside = ox >= 0 && ox < W && oy >= 0 && oy < H;
        const m = canvas.mask[y * canvas.width + x];
        if (!inside) {
          expect(m).toBe(255);
          continue;
        }
        for (let c = 0; c < 3; c++) expect(canvas.rgb[(y * canvas.width + x) * 3 + c]).toBe(image[(oy * W + ox) * 3 + c]);
        // The band runs along the new left and bottom edges only.
        expect(m).toBe(ox < 6 || oy >= H - 6 ? 255 : 0);
      }
    }
  });

  it('fills the new area from the nearest edge, not with a flat colour', () => {
    const red = new Uint8Array(W * H * 3);
    for (let p = 0; p < W * H; p++) red.set(p % W < W / 2 ? [200, 30, 30] : [30, 30, 200], p * 3);
    const canvas = extendCanvas(red, W, H, { left: 0, right: 0, top: 0, bottom: 16 });
    const below = (x: number) => canvas.rgb.subarray(((H + 4) * canvas.width + x) * 3, ((H + 4) * canvas.width + x) * 3 + 3);
    expect(below(2)[0]).toBeGreaterThan(150); // under the red half, reddish
    expect(below(W - 3)[2]).toBeGreaterThan(150); // under the blue half, bluish
    const values = new Set(Array.from({ length: canvas.width }, (_, x) => below(x)[0]));
    expect(values.size).toBeGreaterThan(3); // noise and blur: not one flat value
  });

  it('is deterministic and returns the image unchanged (empty mask) for no extension on a grid-sized image', () => {
    const a = extendCanvas(image, W, H, { left: 8, right: 8, top: 8, bottom: 8 });
    const b = extendCanvas(image, W, H, { left: 8, right: 8, top: 8, bottom: 8 });
    expect(Buffer.from(a.rgb).equals(Buffer.from(b.rgb))).toBe(true);
    const none = extendCanvas(image, W, H, { left: 0, right: 0, top: 0, bottom: 0 });
    expect(Buffer.from(none.rgb).equals(Buffer.from(image))).toBe(true);
    expect(none.mask.every((v) => v === 0)).toBe(true);
  });
});
