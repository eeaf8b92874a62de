import { dctBlock } from './dct';
import { layoutFor, type Layout } from './layout';
import { lumaPlane, resamplePlane, type Channels } from './luma';
import { CODEWORD_BITS, decodeCodeword } from './payload';

export interface Size {
  width: number;
  height: number;
}

export interface SlotReadings {
  layout: Layout;
  /** Per slot, cos of the QIM phase: +1 on a 0 bit's lattice, -1 on a 1 bit's, ~0 when unsure. */
  slots: Float32Array;
  /** Per codeword bit, the sum of its slots: the soft vote the decoder takes. */
  bits: Float32Array;
}

/**
 * Reads every slot as if the image had been marked at `original` size. The marked band is the Haar
 * LL, which is twice a 2x2 box average, so resampling the image to half the original size (nothing
 * to do when it was halved already) and doubling gives that band back, up to the resizer's kernel.
 */
export function readSlots(luma: Float32Array, width: number, height: number, original: Size): SlotReadings {
  const bandWidth = Math.floor(original.width / 2);
  const bandHeight = Math.floor(original.height / 2);
  const band = resamplePlane(luma, width, height, bandWidth, bandHeight);
  const layout = layoutFor(bandWidth, bandHeight);
  const coeffs = new Float64Array(64);
  const slots = new Float32Array(layout.block.length);
  const bits = new Float32Array(CODEWORD_BITS);
  for (let slot = 0, b = 0; b < layout.blocksX * layout.blocksY; b++) {
    dctBlock(band, bandWidth, b % layout.blocksX, Math.floor(b / layout.blocksX), coeffs);
    for (; slot < slots.length && layout.block[slot] === b; slot++) {
      const phase = (2 * coeffs[layout.coefficient[slot]] - layout.dither[slot]) / layout.step[slot];
      slots[slot] = Math.cos(2 * Math.PI * phase);
      bits[layout.bit[slot]] += slots[slot];
    }
  }
  return { layout, slots, bits };
}

export type WatermarkReading =
  | {
      found: true;
      payload: bigint;
      /** Slots whose own reading disagreed with the decoded codeword: errors before voting and decoding. */
      bitErrors: number;
      slots: number;
      /**
       * Mean agreement of the slots with the decoded codeword, 0 to 1. The decoder fits noise too,
       * so chance level is about 0.25 at 128x128 and 0.06 at 512x512: the fewer slots a bit has,
       * the more noise it can fit.
       */
      confidence: number;
      /** This image's size relative to the one that was marked. */
      scale: number;
    }
  /** `confidence` is the best over the sizes tried, for telling "nearly" from "nothing there". */
  | { found: false; confidence: number };

/**
 * Looks for a watermark, reading the image as marked at each of `originalSizes` (say, the sizes
 * the models generate: any rescale of those then decodes), then at its own size, then at double.
 * A 64-bit id is only reported when its CRC-16 checks out, so an unmarked image is found with odds
 * of about 1 in 65,000 per size tried; a lookup of the id in the database makes that far smaller.
 */
export function extractWatermark(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: Channels,
  options: { originalSizes?: readonly Size[] } = {},
): WatermarkReading {
  const luma = lumaPlane(pixels, width, height, channels);
  const candidates = [...(options.originalSizes ?? []), { width, height }, { width: 2 * width, height: 2 * height }];
  const tried = new Set<string>();
  let best = 0;
  for (const original of candidates) {
    const key = `${original.width}x${original.height}`;
    const aspectMismatch = Math.abs(Math.log((original.width * height) / (original.height * width)));
    if (tried.has(key) || original.width < 16 || original.height < 16 || aspectMismatch > 0.02) continue;
    tried.add(key);
    const reading = readSlots(luma, width, height, original);
    const { payload, codeword } = decodeCodeword(reading.bits);
    let agreement = 0;
    let bitErrors = 0;
    for (let s = 0; s < reading.slots.length; s++) {
      const agrees = codeword[reading.layout.bit[s]] ? -reading.slots[s] : reading.slots[s];
      agreement += agrees;
      if (agrees < 0) bitErrors++;
    }
    const confidence = Math.max(0, agreement / Math.max(1, reading.slots.length));
    if (payload !== null) return { found: true, payload, bitErrors, slots: reading.slots.length, confidence, scale: width / original.width };
    best = Math.max(best, confidence);
  }
  return { found: false, confidence: best };
}
