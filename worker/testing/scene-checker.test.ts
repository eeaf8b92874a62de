import { describe, expect, it } from 'vitest';
import { readScene, type Palette } from './scene-checker';

const palette: Palette = { red: [220, 40, 40], blue: [40, 80, 220], white: [245, 245, 245], black: [20, 20, 20] };

/** The demo model's training scenes, drawn the same way (signed distance, anti-aliased). */
function draw(shape: string, fg: readonly number[], bg: readonly number[], cx: number, cy: number, r: number, side = 128) {
  const rgb = new Uint8Array(side * side * 3);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const x = (px + 0.5) / side - cx;
      const y = (py + 0.5) / side - cy;
      let d: number;
      if (shape === 'circle') d = Math.hypot(x, y) - r;
      else if (shape === 'square') {
        const h = r * 0.88;
        const qx = Math.abs(x) - h;
        const qy = Math.abs(y) - h;
        d = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0);
      } else {
        const R = r * 1.3;
        const s3 = Math.sqrt(3) / 2;
        d = Math.max(y - R / 2, -s3 * x - 0.5 * y - R / 2, s3 * x - 0.5 * y - R / 2);
      }
      const cover = Math.min(1, Math.max(0, 0.5 - d * side));
      for (let c = 0; c < 3; c++) rgb[(py * side + px) * 3 + c] = Math.round(bg[c] * (1 - cover) + fg[c] * cover);
    }
  }
  return rgb;
}

describe('readScene', () => {
  it.each([
    ['circle', 'red', 'blue', 0.5, 0.5, 0.27],
    ['square', 'white', 'black', 0.28, 0.5, 0.27],
    ['triangle', 'blue', 'white', 0.72, 0.5, 0.14],
    ['circle', 'black', 'red', 0.5, 0.28, 0.14],
    ['triangle', 'red', 'black', 0.5, 0.72, 0.27],
    ['square', 'blue', 'red', 0.5, 0.5, 0.14],
  ])('reads a %s of %s on %s', (shape, colour, background, cx, cy, r) => {
    const rgb = draw(shape, palette[colour], palette[background], cx, cy, r);
    expect(readScene(rgb, 128, 128, palette)).toMatchObject({ shape, colour, background });
  });

  it('reports no object on a plain image', () => {
    const rgb = new Uint8Array(64 * 64 * 3).fill(20);
    expect(readScene(rgb, 64, 64, palette)).toMatchObject({ background: 'black', colour: null, shape: null });
  });
});
