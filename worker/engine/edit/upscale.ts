import sharp from 'sharp';

export interface UpscaledInput {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/** A side times `scale`, rounded to the 8-pixel grid (at least 8). */
export function upscaledSide(side: number, scale: number): number {
  return Math.max(8, Math.round((side * scale) / 8) * 8);
}

/**
 * The first half of an upscale (A1111's hires fix): the image enlarged with Lanczos-3 to `scale`
 * times its size on the 8-pixel grid. The second half is generate() with init { rgb, strength
 * about 0.3 } at the new size: the model redraws detail the resampling could not invent, and the
 * VAE runs in tiles above the model's native size (vaeTilingFor), so memory stays bounded.
 */
export async function upscaleInput(rgb: Uint8Array, width: number, height: number, scale: number): Promise<UpscaledInput> {
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  const w = upscaledSide(width, scale);
  const h = upscaledSide(height, scale);
  const out = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .resize(w, h, { kernel: 'lanczos3', fit: 'fill' })
    .raw()
    .toBuffer();
  return { rgb: new Uint8Array(out.buffer, out.byteOffset, out.length), width: w, height: h };
}

/** Strength of the image-to-image pass of an upscale when the caller does not choose: detail without drift. */
export const UPSCALE_STRENGTH = 0.3;
