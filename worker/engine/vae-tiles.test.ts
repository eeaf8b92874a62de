import { describe, expect, it } from 'vitest';
import { planTiles, runTiled, tileStarts, vaeTilingFor } from './vae-tiles';

describe('vaeTilingFor', () => {
  it('tiles only above the native size, at the native size with a quarter shared', () => {
    const model = { nativeWidth: 128, nativeHeight: 128 };
    expect(vaeTilingFor(model, 128, 128)).toBeUndefined();
    expect(vaeTilingFor(model, 64, 96)).toBeUndefined();
    expect(vaeTilingFor(model, 256, 128)).toEqual({ tile: 16, overlap: 4 });
    expect(vaeTilingFor({}, 4096, 4096)).toBeUndefined();
  });
});

describe('planTiles', () => {
  it('covers the grid with tiles that overlap by at least the overlap', () => {
    for (const length of [16, 17, 30, 32, 57, 100]) {
      const starts = tileStarts(length, 16, 4);
      expect(starts[0]).toBe(0);
      expect(starts[starts.length - 1] + Math.min(16, length)).toBe(length);
      for (let i = 1; i < starts.length; i++) expect(starts[i - 1] + 16 - starts[i]).toBeGreaterThanOrEqual(4);
    }
    expect(planTiles(32, 32, { tile: 16, overlap: 4 })).toHaveLength(9);
    expect(planTiles(12, 40, { tile: 16, overlap: 4 }).every((b) => b.width === 12 && b.height === 16)).toBe(true);
  });
});

describe('runTiled', () => {
  it('gives back exactly what one untiled run gives when each tile is processed in place (a pointwise "VAE")', async () => {
    const [w, h] = [37, 21];
    const input = Float32Array.from({ length: 2 * w * h * 64 }, (_, i) => Math.sin(i * 0.37));
    // A x1/8 "encoder": the mean of each 8x8 block of channel 0 minus channel 1, as 3 channels.
    const encode = (planes: Float32Array, tw: number, th: number) => {
      const out = new Float32Array(3 * tw * th);
      const plane = tw * 8 * th * 8;
      for (let y = 0; y < th; y++) {
        for (let x = 0; x < tw; x++) {
          let sum = 0;
          for (let k = 0; k < 64; k++) {
            const p = (y * 8 + (k >> 3)) * tw * 8 + x * 8 + (k & 7);
            sum += planes[p] - planes[plane + p];
          }
          for (let c = 0; c < 3; c++) out[c * tw * th + y * tw + x] = sum / 64 + c;
        }
      }
      return out;
    };
    const tiles: number[][] = [];
    const tiled = await runTiled({
      input, inChannels: 2, inScale: 8, outChannels: 3, outScale: 1, width: w, height: h, tiling: { tile: 16, overlap: 4 },
      run: async (tile, box) => {
        tiles.push([box.x, box.y, box.width, box.height]);
        return encode(tile, box.width, box.height);
      },
    });
    const whole = encode(input, w, h);
    expect(tiles.length).toBe(tileStarts(w, 16, 4).length * tileStarts(h, 16, 4).length);
    tiled.forEach((v, i) => expect(v).toBeCloseTo(whole[i], 5));
  });
});
