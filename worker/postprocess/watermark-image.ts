import { randomBytes } from 'node:crypto';
import { embedWatermark, MIN_SIDE } from '../../server/provenance/watermark';

export type Watermarked = { rgb: Uint8Array; watermarkId: string | null };

/**
 * Hides a fresh random 64-bit id in the pixels; `images.watermark_id` maps it back to the image,
 * generation and user. Random rather than derived from the generation id, so knowing one image's
 * id says nothing about another's. Images under MIN_SIDE are too small to carry it and stay unmarked.
 */
export function watermarkImage(rgb: Uint8Array, width: number, height: number): Watermarked {
  if (width < MIN_SIDE || height < MIN_SIDE || width % 2 || height % 2) return { rgb, watermarkId: null };
  const id = randomBytes(8).readBigUInt64BE();
  return { rgb: embedWatermark(rgb, width, height, 3, id), watermarkId: id.toString() };
}
