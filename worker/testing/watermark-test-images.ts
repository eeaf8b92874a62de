import sharp from 'sharp';
import { seededRandom } from '../../server/provenance/watermark/layout';

/**
 * Deterministic stand-ins for generated images, for the tests and the bench: smooth gradients with
 * soft-edged shapes, flat saturated posters (the demo model's red circle on blue), value-noise
 * textures (foliage, fabric), clipped highlights, and pure noise.
 */
export type SyntheticKind = 'scene' | 'poster' | 'texture' | 'gradient' | 'noise';


/** Multi-octave value noise in [0, 1), smooth at `cell` pixels and rougher below. */
function valueNoise(width: number, height: number, cell: number, rand: () => number): Float32Array {
  const out = new Float32Array(width * height);
  let amplitude = 0.5;
  for (let size = cell; size >= 2; size /= 2, amplitude /= 2) {
    const gw = Math.ceil(width / size) + 2;
    const grid = Float32Array.from({ length: gw * (Math.ceil(height / size) + 2) }, rand);
    for (let y = 0; y < height; y++) {
      const gy = y / size;
      const y0 = Math.floor(gy);
      const fy = gy - y0;
      const sy = fy * fy * (3 - 2 * fy);
      for (let x = 0; x < width; x++) {
        const gx = x / size;
        const x0 = Math.floor(gx);
        const fx = gx - x0;
        const sx = fx * fx * (3 - 2 * fx);
        const top = grid[y0 * gw + x0] * (1 - sx) + grid[y0 * gw + x0 + 1] * sx;
        const bottom = grid[(y0 + 1) * gw + x0] * (1 - sx) + grid[(y0 + 1) * gw + x0 + 1] * sx;
        out[y * width + x] += amplitude * (top * (1 - sy) + bottom * sy);
      }
    }
  }
  return out;
}

/** The demo model's palette, plus the clipped white and black that real models also produce. */
const POSTER = [[220, 40, 40], [40, 80, 220], [245, 245, 245], [20, 20, 20], [255, 255, 255], [0, 0, 0], [250, 200, 30], [30, 160, 70]];

export function syntheticImage(kind: SyntheticKind, width: number, height: number, seed: number): Uint8Array {
  const rand = seededRandom(seed * 7919 + 1);
  const rgb = new Uint8Array(width * height * 3);
  if (kind === 'noise') return rgb.map(() => Math.floor(rand() * 256));
  const isPoster = kind === 'poster';
  const colour = () => (isPoster ? POSTER[Math.floor(rand() * POSTER.length)] : [rand(), rand(), rand()].map((v) => 255 * (v * 1.3 - 0.15)));
  const c0 = colour();
  const c1 = isPoster ? c0 : colour();
  const angle = rand() * Math.PI * 2;
  const texture = kind === 'gradient' || isPoster ? null : valueNoise(width, height, Math.max(4, Math.round(width / (4 + rand() * 12))), rand);
  const textureGain = kind === 'texture' ? 160 : 40 * rand();
  const shapes = kind === 'gradient' ? [] : Array.from({ length: 3 + Math.floor(rand() * 5) }, () => ({
    cx: rand() * width, cy: rand() * height, r: (0.05 + rand() * 0.25) * Math.min(width, height),
    edge: isPoster ? 1 : 0.5 + rand() * 4, colour: colour(), square: rand() < 0.4,
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const t = ((x / width - 0.5) * Math.cos(angle) + (y / height - 0.5) * Math.sin(angle)) + 0.5;
      const px = [0, 1, 2].map((c) => c0[c] * (1 - t) + c1[c] * t);
      for (const s of shapes) {
        const dx = Math.abs(x - s.cx);
        const dy = Math.abs(y - s.cy);
        const d = (s.square ? Math.max(dx, dy) : Math.hypot(dx, dy)) - s.r;
        const cover = Math.min(1, Math.max(0, 0.5 - d / s.edge));
        for (let c = 0; c < 3; c++) px[c] = px[c] * (1 - cover) + s.colour[c] * cover;
      }
      const grain = texture ? (texture[i] - 0.5) * textureGain : 0;
      for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.max(0, Math.min(255, Math.round(px[c] + grain)));
    }
  }
  return rgb;
}

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

async function decode(image: ReturnType<typeof sharp>): Promise<RawImage> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels as 3 | 4 };
}

const load = (img: RawImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } });

/** What sharing sites do to an image: recompress, downscale (sharp's default lanczos3), or both. */
export const attacks = {
  png: async (img: RawImage) => decode(sharp(await load(img).png().toBuffer())),
  jpeg: (quality: number) => async (img: RawImage) => decode(sharp(await load(img).jpeg({ quality }).toBuffer())),
  halve: async (img: RawImage) => decode(load(img).resize(Math.round(img.width / 2), Math.round(img.height / 2))),
};
