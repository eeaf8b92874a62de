import sharp from 'sharp';
import type { DiffusionModel } from '../diffusion-model';
import type { GenerationRequest } from '../generation-request';
import { generate, type GenerateOptions, type GenerationResult } from '../pipeline';
import { compositeThroughMask, featherMask } from './mask-feather';
import { DEFAULT_MASK_FEATHER } from './prepare-edit';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface NativeSize {
  width: number;
  height: number;
}

/** Pixels of context around the mask's box the crop keeps when the caller does not say. */
export const ONLY_MASKED_PADDING = 32;

/**
 * Whether to inpaint only the masked area: when the image is larger than the model's native size
 * and the mask's box, with its padding, covers at most a quarter of it. Then a whole-image run
 * would spend most of its steps on pixels the composite throws away, at a size the model was not
 * made for, while the crop, enlarged to the native size, gets the model's full resolution for the
 * part that changes. A larger mask gains little from cropping and loses sharpness to the resampling.
 */
export function shouldUseOnlyMasked(mask: Uint8Array, width: number, height: number, native: NativeSize, padding = ONLY_MASKED_PADDING): boolean {
  if (width <= native.width && height <= native.height) return false;
  const box = maskBox(mask, width, height);
  if (!box) return false;
  const padded = padBox(box, width, height, padding);
  return padded.width * padded.height <= (width * height) / 4;
}

/** The bounding box of the mask's non-zero pixels, or null for an empty mask. */
export function maskBox(mask: Uint8Array | Float32Array, width: number, height: number): Box | null {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] > 0) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * The crop: the box plus padding, widened (or heightened) towards the native aspect ratio so the
 * resize to the native size does not stretch it, on the 8-pixel grid and inside the image.
 */
export function cropBoxFor(box: Box, width: number, height: number, native: NativeSize, padding = ONLY_MASKED_PADDING): Box {
  const padded = padBox(box, width, height, padding);
  const aspect = native.width / native.height;
  const w = Math.min(width, Math.max(padded.width, Math.round(padded.height * aspect)));
  const h = Math.min(height, Math.max(padded.height, Math.round(padded.width / aspect)));
  // Centred on the padded box, then moved inside the image: it still contains the padded box.
  const x0 = clamp(Math.round(padded.x + padded.width / 2 - w / 2), 0, width - w);
  const y0 = clamp(Math.round(padded.y + padded.height / 2 - h / 2), 0, height - h);
  const x = Math.floor(x0 / 8) * 8;
  const y = Math.floor(y0 / 8) * 8;
  return { x, y, width: Math.min(width, Math.ceil((x0 + w) / 8) * 8) - x, height: Math.min(height, Math.ceil((y0 + h) / 8) * 8) - y };
}

/**
 * Inpaints only the mask's neighbourhood: crops it (cropBoxFor), enlarges the crop to about the
 * model's native area (its own aspect, on the grid) with Lanczos-3, inpaints that, shrinks the
 * result back and pastes it through the mask feathered at full size, so every pixel outside the
 * feather is the original's. The crop request is derived from the request alone, so checkpoints
 * and resume work as for generate(). The result has the full image's size.
 */
export async function generateOnlyMasked(
  model: DiffusionModel & { nativeWidth: number; nativeHeight: number },
  request: GenerationRequest,
  options: GenerateOptions = {},
  padding = ONLY_MASKED_PADDING,
): Promise<GenerationResult & { crop: Box; cropSize: NativeSize }> {
  const { init, width, height } = request;
  if (!init?.mask) throw new Error('only-masked inpainting needs a mask');
  const feather = init.maskFeather ?? DEFAULT_MASK_FEATHER;
  const alpha = featherMask(init.mask, width, height, feather);
  const box = maskBox(alpha, width, height) ?? { x: 0, y: 0, width, height };
  const native = { width: model.nativeWidth, height: model.nativeHeight };
  const crop = cropBoxFor(box, width, height, native, padding);
  const inner = innerSize(crop, native);
  const scale = inner.width / crop.width;
  const [rgb, mask] = await Promise.all([
    resize(cropOf(init.rgb, width, crop, 3), crop, inner, 3),
    resize(cropOf(init.mask, width, crop, 1), crop, inner, 1),
  ]);
  const result = await generate(
    model,
    { ...request, width: inner.width, height: inner.height, init: { ...init, rgb, mask, maskFeather: Math.round(feather * scale) } },
    options,
  );
  const images = await Promise.all(
    result.images.map(async ({ rgb: generated, seed }) => {
      const back = await resize(generated, inner, crop, 3);
      const full = init.rgb.slice();
      for (let y = 0; y < crop.height; y++) {
        full.set(back.subarray(y * crop.width * 3, (y + 1) * crop.width * 3), ((crop.y + y) * width + crop.x) * 3);
      }
      return { rgb: compositeThroughMask(init.rgb, full, alpha), seed };
    }),
  );
  return { ...result, images, rgb: images[0].rgb, width, height, crop, cropSize: inner };
}

/** The native area at the crop's aspect ratio, on the 8-pixel grid. */
function innerSize(crop: Box, native: NativeSize): NativeSize {
  const area = native.width * native.height;
  const aspect = crop.width / crop.height;
  const snap = (v: number) => Math.max(8, Math.round(v / 8) * 8);
  return { width: snap(Math.sqrt(area * aspect)), height: snap(Math.sqrt(area / aspect)) };
}

function padBox(box: Box, width: number, height: number, padding: number): Box {
  const x = Math.max(0, box.x - padding);
  const y = Math.max(0, box.y - padding);
  return { x, y, width: Math.min(width, box.x + box.width + padding) - x, height: Math.min(height, box.y + box.height + padding) - y };
}

function cropOf(pixels: Uint8Array, width: number, box: Box, channels: number): Uint8Array {
  const out = new Uint8Array(box.width * box.height * channels);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * width + box.x) * channels;
    out.set(pixels.subarray(from, from + box.width * channels), y * box.width * channels);
  }
  return out;
}

/** Lanczos-3 for the image; the mask with Mitchell, whose small overshoot does not ring into the kept area. */
async function resize(pixels: Uint8Array, from: NativeSize, to: NativeSize, channels: 1 | 3): Promise<Uint8Array> {
  if (from.width === to.width && from.height === to.height) return pixels;
  let pipeline = sharp(pixels, { raw: { width: from.width, height: from.height, channels } })
    .resize(to.width, to.height, { kernel: channels === 3 ? 'lanczos3' : 'mitchell', fit: 'fill' });
  // sharp hands a one-channel image back as RGB unless told otherwise.
  if (channels === 1) pipeline = pipeline.extractChannel(0);
  const out = await pipeline.raw().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
