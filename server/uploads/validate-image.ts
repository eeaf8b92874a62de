import sharp from 'sharp';
import { fail, ok, type Result } from '../../domain/result';

export const UPLOAD_LIMITS = {
  maxBytes: 10 * 2 ** 20,
  // Pixel count guards against decompression bombs: a tiny file that decodes to gigabytes.
  maxPixels: 4096 * 4096,
  minSide: 64,
} as const;

export const UPLOAD_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

export const UPLOAD_MIME: Record<UploadFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

const isUploadFormat = (format: string | undefined): format is UploadFormat => UPLOAD_FORMATS.includes(format as UploadFormat);

/** The format its first bytes claim, so a damaged file of a known type gets the right message. */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

export type ValidatedImage = { png: Buffer; width: number; height: number; format: string };

/** An upload re-encoded in its own format: `bytes` are freshly written pixels, nothing of the file survives. */
export type ReencodedImage = { bytes: Buffer; format: UploadFormat; mime: string; width: number; height: number };

type Header = { format: UploadFormat; width: number; height: number };

const corrupt = () => fail('corrupt', 'The image could not be decoded; the file may be damaged.');

/** Checks a file by its bytes, never its name or declared type, decoding no pixels. */
async function readHeader(bytes: Buffer): Promise<Result<{ header: Header }>> {
  if (bytes.length === 0) return fail('empty', 'The file is empty.');
  if (bytes.length > UPLOAD_LIMITS.maxBytes) return fail('too_large', `The file is ${(bytes.length / 2 ** 20).toFixed(1)} MB; the limit is 10 MB.`);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // Reading the header decodes no pixels; the pixel limit is checked below, then enforced on decode.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    if (sniff(bytes)) return corrupt();
    return fail('not_an_image', 'This file is not an image Kumori can read. Upload a PNG, JPEG or WebP.');
  }
  if (!isUploadFormat(meta.format)) {
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
  return ok({ header: { format: meta.format, width, height } });
}

/** Decodes every pixel (so a damaged file fails here) with orientation applied and alpha dropped. */
const decode = (bytes: Buffer) => sharp(bytes, { limitInputPixels: UPLOAD_LIMITS.maxPixels, failOn: 'error' }).rotate().removeAlpha();

/**
 * Checks an uploaded file by its bytes and re-encodes it as PNG (dropping metadata and anything
 * hidden after the image data). For tools that want pixels (provenance check, CLI).
 */
export async function validateUploadedImage(bytes: Buffer): Promise<Result<{ image: ValidatedImage }>> {
  const checked = await readHeader(bytes);
  if (!checked.ok) return checked;
  const { format, width, height } = checked.header;
  try {
    return ok({ image: { png: await decode(bytes).png().toBuffer(), width, height, format } });
  } catch {
    return corrupt();
  }
}

/** Decoded 8-bit pixels, one channel (grey) or three (sRGB), orientation applied. */
export type DecodedPixels = { data: Buffer; width: number; height: number; channels: 1 | 3 };

/**
 * Checks an uploaded file and re-encodes it in its own format, so a WebP stays about its own
 * size instead of growing several times as PNG. Only freshly encoded pixels are kept: metadata,
 * colour profiles and whatever a polyglot hid beside the image data are gone. The decoded
 * `pixels` come too, so the NSFW check need not decode the image a second time.
 */
export async function reencodeUploadedImage(bytes: Buffer): Promise<Result<{ image: ReencodedImage; pixels: DecodedPixels }>> {
  const checked = await readHeader(bytes);
  if (!checked.ok) return checked;
  const { format, width, height } = checked.header;
  let pixels: DecodedPixels;
  try {
    const { data, info } = await decode(bytes).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 && info.channels !== 3) return corrupt();
    pixels = { data, width: info.width, height: info.height, channels: info.channels };
  } catch {
    return corrupt();
  }
  const raw = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } });
  // WebP at effort 2 is as small as the default 4 here, in about half the time.
  const encoded = format === 'png' ? raw.png() : format === 'jpeg' ? raw.jpeg({ quality: 90 }) : raw.webp({ quality: 90, effort: 2 });
  return ok({ image: { bytes: await encoded.toBuffer(), format, mime: UPLOAD_MIME[format], width, height }, pixels });
}
