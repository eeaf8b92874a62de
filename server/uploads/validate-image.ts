import sharp from 'sharp';
import { fail, ok, type Result } from '../../domain/result';

export const UPLOAD_LIMITS = {
  maxBytes: 10 * 2 ** 20,
  // Pixel count guards against decompression bombs: a tiny file that decodes to gigabytes.
  maxPixels: 4096 * 4096,
  minSide: 64,
} as const;

const ACCEPTED = new Set(['png', 'jpeg', 'webp']);

/** The format its first bytes claim, so a damaged file of a known type gets the right message. */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

export type ValidatedImage = { png: Buffer; width: number; height: number; format: string };

/**
 * Checks an uploaded file by its bytes, never its name or declared type, and re-encodes it as
 * PNG (dropping metadata and anything hidden after the image data).
 */
export async function validateUploadedImage(bytes: Buffer): Promise<Result<{ image: ValidatedImage }>> {
  if (bytes.length === 0) return fail('empty', 'The file is empty.');
  if (bytes.length > UPLOAD_LIMITS.maxBytes) return fail('too_large', `The file is ${(bytes.length / 2 ** 20).toFixed(1)} MB; the limit is 10 MB.`);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // Reading the header decodes no pixels; the pixel limit is checked below, then enforced on decode.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    if (sniff(bytes)) return fail('corrupt', 'The image could not be decoded; the file may be damaged.');
    return fail('not_an_image', 'This file is not an image Kumori can read. Upload a PNG, JPEG or WebP.');
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) {
    return fail('unsupported', `${meta.format?.toUpperCase() ?? 'This'} images are not supported. Upload a PNG, JPEG or WebP.`);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width * height > UPLOAD_LIMITS.maxPixels) {
    return fail('too_many_pixels', `The image is ${width}×${height}; the limit is ${UPLOAD_LIMITS.maxPixels.toLocaleString('en')} pixels (4096×4096).`);
  }
  if (Math.min(width, height) < UPLOAD_LIMITS.minSide) {
    return fail('too_small', `The image is ${width}×${height}; each side must be at least ${UPLOAD_LIMITS.minSide} pixels.`);
  }
  try {
    const png = await sharp(bytes, { limitInputPixels: UPLOAD_LIMITS.maxPixels, failOn: 'error' })
      .rotate()
      .removeAlpha()
      .png()
      .toBuffer();
    return ok({ image: { png, width, height, format: meta.format } });
  } catch {
    return fail('corrupt', 'The image could not be decoded; the file may be damaged.');
  }
}
