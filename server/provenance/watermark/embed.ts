import { dctBlock, idctBlock } from './dct';
import { haarForward, haarInverse } from './haar';
import { layoutFor, type Layout } from './layout';
import { addLuma, lumaHeadroom, lumaPlane, type Channels } from './luma';
import { encodeCodeword } from './payload';

/** 96x96 gives about two slots per codeword bit; below that a resized copy stops decoding. */
export const MIN_SIDE = 96;

/** Three rounds recover most of what clipping loses; more buy little and darken whites further. */
const HEADROOM_ROUNDS = 3;

/**
 * Haar LL, then each block's DCT; sets every slot's coefficient to `target(current, slot)` and
 * inverts. `only` limits the work to the blocks flagged in it.
 */
function setSlots(plane: Float32Array, width: number, height: number, layout: Layout, target: (current: number, slot: number) => number, only?: Uint8Array) {
  const bands = haarForward(plane, width, height);
  const coeffs = new Float64Array(64);
  for (let slot = 0, b = 0; b < layout.blocksX * layout.blocksY; b++) {
    if (only && !only[b]) {
      while (slot < layout.block.length && layout.block[slot] === b) slot++;
      continue;
    }
    const bx = b % layout.blocksX;
    const by = Math.floor(b / layout.blocksX);
    dctBlock(bands.ll, bands.width, bx, by, coeffs);
    for (; slot < layout.block.length && layout.block[slot] === b; slot++) {
      const k = layout.coefficient[slot];
      coeffs[k] = target(coeffs[k], slot);
    }
    idctBlock(coeffs, bands.ll, bands.width, bx, by);
  }
  return haarInverse(bands);
}

/**
 * Returns a copy of `pixels` (interleaved, 1 to 4 channels, alpha untouched) carrying `payload`
 * (a 64-bit id, or its 8 bytes big-endian) invisibly in its luminance. Width and height must be
 * even and at least MIN_SIDE; the same input always gives the same bytes.
 */
export function embedWatermark(pixels: Uint8Array, width: number, height: number, channels: Channels, payload: bigint | Uint8Array): Uint8Array {
  if (pixels.length !== width * height * channels) throw new RangeError('pixel buffer does not match width x height x channels');
  if (width % 2 || height % 2 || width < MIN_SIDE || height < MIN_SIDE) {
    throw new RangeError(`watermarking needs even sides of at least ${MIN_SIDE}px, got ${width}x${height}`);
  }
  const codeword = encodeCodeword(payload);
  const luma = lumaPlane(pixels, width, height, channels);
  const layout = layoutFor(width / 2, height / 2);
  const targets = new Float64Array(layout.block.length);
  let marked = setSlots(luma, width, height, layout, (current, slot) => {
    // Dithered QIM: 0 bits on the lattice step*Z + dither, 1 bits half a step away.
    const step = layout.step[slot];
    const offset = layout.dither[slot] + codeword[layout.bit[slot]] * (step / 2);
    return (targets[slot] = offset + step * Math.round((current - offset) / step));
  });

  // In pure white or black areas half of the pattern would clip away. Alternating between "within
  // what R, G and B can take" and "slots on target" (projection onto convex sets) moves those
  // areas' block means (which carry no bits) just far enough for the whole pattern to fit.
  const { lo, hi } = lumaHeadroom(pixels, channels, luma.length);
  const clippedBlocks = new Uint8Array(layout.blocksX * layout.blocksY);
  for (let round = 0; round < HEADROOM_ROUNDS; round++) {
    let clipped = 0;
    clippedBlocks.fill(0);
    for (let i = 0; i < marked.length; i++) {
      const delta = marked[i] - luma[i];
      if (delta >= lo[i] && delta <= hi[i]) continue;
      marked[i] = luma[i] + (delta < lo[i] ? lo[i] : hi[i]);
      // A block of the LL band covers 16x16 pixels.
      const bx = Math.floor((i % width) / 16);
      const by = Math.floor(i / width / 16);
      if (bx < layout.blocksX && by < layout.blocksY) {
        clippedBlocks[by * layout.blocksX + bx] = 1;
        clipped++;
      }
    }
    if (clipped === 0) break;
    marked = setSlots(marked, width, height, layout, (_, slot) => targets[slot], clippedBlocks);
  }
  for (let i = 0; i < marked.length; i++) marked[i] -= luma[i];
  return addLuma(pixels, channels, marked);
}
