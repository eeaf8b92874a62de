import 'server-only';
import sharp from 'sharp';
import { fail, ok, type Result } from '../../../domain/result';
import { gridUp } from '../../../domain/edit-modes';
import { storeUpload } from '../../uploads/store-upload';
import { claimUploadAllowance } from '../../uploads/upload-allowance';
import { UPLOAD_LIMITS } from '../../uploads/validate-image';
import type { ImagesGenerationRequest } from './schemas';
import { toGenerationInput } from './to-generation-input';

type Raw = { data: Buffer; width: number; height: number; channels: number };

const invalid = (param: string, message: string) => fail('invalid', message, { [param]: message });

async function decode(bytes: Buffer, param: string): Promise<Result<{ raw: Raw }>> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: UPLOAD_LIMITS.maxPixels, failOn: 'error' })
      .rotate()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return ok({ raw: { data, width: info.width, height: info.height, channels: info.channels } });
  } catch {
    return invalid(param, `The ${param} could not be read as an image. Send a PNG, JPEG or WebP.`);
  }
}

/**
 * OpenAI's mask convention to Kumori's (one byte a pixel, 255 = repaint): a PNG whose fully
 * transparent pixels mark the area to edit; a mask with no transparency is read as black and
 * white, white marking the area. Partly transparent pixels repaint partly.
 */
function hasTransparency({ data, width, height }: Raw): boolean {
  for (let p = 0; p < width * height; p++) if (data[p * 4 + 3] < 255) return true;
  return false;
}

function repaintOf(raw: Raw): Uint8Array {
  const { data, width, height } = raw;
  const pixels = width * height;
  const out = new Uint8Array(pixels);
  const transparent = hasTransparency(raw);
  for (let p = 0; p < pixels; p++) {
    const i = p * 4;
    out[p] = transparent ? 255 - data[i + 3] : Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
  }
  return out;
}

const pngOf = (pixels: Uint8Array | Buffer, width: number, height: number, channels: 1 | 3) =>
  sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();

/**
 * `/v1/images/edits`'s image and mask as Kumori uploads, and the generation input that edits
 * them: inpaint where a mask (or the image's own transparency) marks an area, image to image
 * otherwise. A `size` other than the image's resizes both first, so the answer has the size asked
 * for. A mask of another size than the image is refused, naming `mask`, as OpenAI does.
 */
export async function editInput(
  userId: string,
  request: ImagesGenerationRequest,
  image: Buffer,
  mask: Buffer | null,
  extra: { strength?: number },
): Promise<Result<{ input: Record<string, unknown> }>> {
  const decodedImage = await decode(image, 'image');
  if (!decodedImage.ok) return decodedImage;
  const source = decodedImage.raw;
  let repaint: Uint8Array | null = null;
  if (mask) {
    const decodedMask = await decode(mask, 'mask');
    if (!decodedMask.ok) return decodedMask;
    const m = decodedMask.raw;
    if (m.width !== source.width || m.height !== source.height) {
      return invalid('mask', `Invalid mask: it is ${m.width}x${m.height} and must be the same size as the image, ${source.width}x${source.height}.`);
    }
    repaint = repaintOf(m);
  } else if (hasTransparency(source)) {
    // No mask, as DALL·E 2 allows: the image's own transparent area is the one to fill.
    repaint = repaintOf(source);
  }
  if (repaint && !repaint.some((v) => v >= 128)) return invalid('mask', 'The mask marks nothing to edit: make the area to change fully transparent (or white).');

  let width = source.width;
  let height = source.height;
  if (request.size && request.size !== 'auto') [width, height] = request.size.split('x').map(Number);
  if (width < UPLOAD_LIMITS.minSide || height < UPLOAD_LIMITS.minSide || width * height > UPLOAD_LIMITS.maxPixels) {
    return invalid('size', `size ${width}x${height} is outside the limits for an edit.`);
  }
  const rgb = await sharp(source.data, { raw: { width: source.width, height: source.height, channels: 4 } })
    .removeAlpha()
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  const allowed = await claimUploadAllowance(userId);
  if (!allowed.ok) return allowed;
  const storedImage = await storeUpload(userId, await pngOf(rgb, width, height, 3));
  if (!storedImage.ok) return storedImage.error.fields ? storedImage : { ...storedImage, error: { ...storedImage.error, fields: { image: storedImage.error.message } } };
  const base = await toGenerationInput({ ...request, size: `${gridUp(width)}x${gridUp(height)}` });
  const strength = extra.strength;
  if (!repaint) return ok({ input: { ...base, mode: 'img2img', initImage: storedImage.id, ...(strength === undefined ? {} : { strength }) } });
  const resized = await sharp(repaint, { raw: { width: source.width, height: source.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'mitchell' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const storedMask = await storeUpload(userId, await pngOf(resized, width, height, 1));
  if (!storedMask.ok) return storedMask;
  return ok({ input: { ...base, mode: 'inpaint', initImage: storedImage.id, mask: storedMask.id, ...(strength === undefined ? {} : { strength }) } });
}
