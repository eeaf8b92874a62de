import { BLOCK } from './dct';
import { CODEWORD_BITS } from './payload';

/**
 * Low-mid frequencies of each 8x8 DCT block of the Haar LL band, with a QIM step proportional to
 * JPEG's luminance quantisation table there, so every coefficient is about as likely to survive
 * JPEG. Higher ones are what JPEG and downscaling throw away first. DC stays free: it is the
 * block's brightness, which embed moves to make room next to clipped whites and blacks.
 */
const COEFFICIENTS: readonly (readonly [u: number, v: number, jpegQ: number])[] = [
  [1, 0, 11], [0, 1, 12], [1, 1, 12], [2, 0, 10], [0, 2, 14], [2, 1, 14], [1, 2, 13], [3, 0, 16], [0, 3, 14], [2, 2, 16],
];
const SLOTS_PER_BLOCK = COEFFICIENTS.length;
const SEED = 0x6b756d6f;

/**
 * QIM step (in LL units, twice pixel units) for a coefficient whose JPEG step is 12. A 128x128
 * image has 64 blocks and needs the strong step to survive JPEG after halving; at 1024 blocks
 * (512x512) and beyond there are enough votes to use a gentler, less visible one.
 */
function baseStep(blocks: number): number {
  const strong = 30;
  const gentle = 24;
  const t = Math.min(1, Math.max(0, Math.log2(blocks / 64) / 4));
  return strong + (gentle - strong) * t;
}

export interface Layout {
  width: number;
  height: number;
  blocksX: number;
  blocksY: number;
  /** Per slot, in block order: block index, coefficient index (v * 8 + u), QIM step, dither, codeword bit. */
  block: Int32Array;
  coefficient: Int32Array;
  step: Float32Array;
  dither: Float32Array;
  bit: Int32Array;
}

/** mulberry32: a small seeded generator, so the layout is the same in every process. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cache = new Map<string, Layout>();

/**
 * Where each codeword bit goes in an LL band of this size. Bits are scattered over the image by a
 * fixed shuffle, so a damaged region (a clipped sky, a sharp edge) costs every bit a little rather
 * than a few bits everything; the dither keeps flat areas from all reading the same bit.
 */
export function layoutFor(width: number, height: number): Layout {
  const key = `${width}x${height}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const blocksX = Math.floor(width / BLOCK);
  const blocksY = Math.floor(height / BLOCK);
  const slots = blocksX * blocksY * SLOTS_PER_BLOCK;
  const rand = seededRandom(SEED);
  const order = new Int32Array(slots).map((_, i) => i);
  for (let i = slots - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const base = baseStep(blocksX * blocksY);
  const layout: Layout = {
    width, height, blocksX, blocksY,
    block: new Int32Array(slots), coefficient: new Int32Array(slots), step: new Float32Array(slots), dither: new Float32Array(slots), bit: new Int32Array(slots),
  };
  for (let s = 0; s < slots; s++) {
    const [u, v, jpegQ] = COEFFICIENTS[s % SLOTS_PER_BLOCK];
    layout.block[s] = Math.floor(s / SLOTS_PER_BLOCK);
    layout.coefficient[s] = v * BLOCK + u;
    layout.step[s] = (base * jpegQ) / 12;
    layout.dither[s] = rand() * layout.step[s];
    layout.bit[s] = order[s] % CODEWORD_BITS;
  }
  if (cache.size > 32) cache.clear();
  cache.set(key, layout);
  return layout;
}
