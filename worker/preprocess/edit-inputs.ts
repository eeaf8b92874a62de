import sharp from 'sharp';
import type { GenerationParams } from '../../server/db/schema';
import type { StorageDriver } from '../../server/storage/driver';
import { EDIT_LIMITS } from '../../domain/edit-modes';
import { extendCanvas } from '../engine/edit/extend-canvas';
import { shouldUseOnlyMasked } from '../engine/edit/only-masked';
import { upscaleInput } from '../engine/edit/upscale';
import type { GenerationRequest } from '../engine/generation-request';
import { loadInitImage, readUpload } from './load-init-image';

type Init = NonNullable<GenerationRequest['init']>;
export type EditInputs = {
  init: Init;
  /** The start image as uploaded, for the NSFW check. */
  bytes: Buffer;
  /** Inpaint a crop around a small mask at the model's native size (generateOnlyMasked). */
  onlyMasked: boolean;
};

/**
 * The engine's start image (and mask) for a stored request, by its mode. The server sized the
 * output already (params.width x height): the image itself for img2img and inpaint, the extended
 * canvas for outpaint, twice the image for upscale; this reads the upload at the size the mode
 * starts from and builds the rest. Null when the upload (or the mask) is gone.
 */
export async function loadEditInputs(
  storage: StorageDriver,
  userId: string,
  params: GenerationParams,
  native: { width: number; height: number },
): Promise<EditInputs | null> {
  if (!params.initImage) return null;
  const { width, height } = params;
  const strength = params.strength ?? 0.6;
  if (params.mode === 'outpaint' && params.extend) {
    const { left, right, top, bottom } = params.extend;
    const inner = await loadInitImage(storage, userId, params.initImage, width - left - right, height - top - bottom);
    if (!inner) return null;
    const canvas = extendCanvas(inner.rgb, width - left - right, height - top - bottom, params.extend, { seed: params.seed });
    if (canvas.width !== width || canvas.height !== height) throw new Error(`outpaint canvas ${canvas.width}x${canvas.height} is not the stored ${width}x${height}`);
    return { init: { rgb: canvas.rgb, mask: canvas.mask, strength, maskFeather: EDIT_LIMITS.featherDefault }, bytes: inner.bytes, onlyMasked: false };
  }
  if (params.mode === 'upscale') {
    const half = { width: width / EDIT_LIMITS.scale, height: height / EDIT_LIMITS.scale };
    const source = await loadInitImage(storage, userId, params.initImage, half.width, half.height);
    if (!source) return null;
    const enlarged = await upscaleInput(source.rgb, half.width, half.height, EDIT_LIMITS.scale);
    return { init: { rgb: enlarged.rgb, strength }, bytes: source.bytes, onlyMasked: false };
  }
  const loaded = await loadInitImage(storage, userId, params.initImage, width, height);
  if (!loaded) return null;
  if (params.mode !== 'inpaint' || !params.mask) return { init: { rgb: loaded.rgb, strength }, bytes: loaded.bytes, onlyMasked: false };
  const mask = await loadMask(storage, userId, params.mask, width, height);
  if (!mask) return null;
  const onlyMasked = params.onlyMasked ?? shouldUseOnlyMasked(mask, width, height, native);
  return { init: { rgb: loaded.rgb, strength, mask, maskFeather: params.maskFeather ?? EDIT_LIMITS.featherDefault }, bytes: loaded.bytes, onlyMasked };
}

/**
 * A mask upload as one byte per pixel, 255 = repaint: its brightness (uploads keep no alpha; the
 * OpenAI endpoint turns a transparent-hole mask into this form before storing it), stretched to
 * the output size, which the server checked is the image's own on the 8-pixel grid.
 */
async function loadMask(storage: StorageDriver, userId: string, uploadId: string, width: number, height: number): Promise<Uint8Array | null> {
  const bytes = await readUpload(storage, userId, uploadId);
  if (!bytes) return null;
  const out = await sharp(bytes).greyscale().resize(width, height, { fit: 'fill', kernel: 'mitchell' }).extractChannel(0).raw().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
