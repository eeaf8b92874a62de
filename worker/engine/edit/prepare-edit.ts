import type { DiffusionModel } from '../diffusion-model';
import { encodeImageLatents, rgbBytesToChw } from '../encode-image';
import type { GenerationRequest } from '../generation-request';
import { vaeTilingFor } from '../vae-tiles';
import { inpaintConditioning } from './inpaint-conditioning';
import { maskToLatentGrid } from './latent-mask';
import { featherMask } from './mask-feather';

/** Pixels of feather when a request does not say: enough to hide the edge, small enough to keep it where it was drawn. */
export const DEFAULT_MASK_FEATHER = 4;

/** What a run derives from its start image and mask before denoising. */
export interface EditInputs {
  /** The start image's scaled latents [4, h/8, w/8], when the run needs them. */
  initLatents: Float32Array | null;
  /** The final composite's weights (featherMask), when there is a mask. */
  alpha: Float32Array | null;
  /** The cells to repaint (maskToLatentGrid of alpha), when there is a mask. */
  grid: Float32Array | null;
  /** For a 9-channel UNet, the channels after the latents (inpaintConditioning). */
  conditioning?: Float32Array;
  encodeImageMs?: number;
}

/**
 * Encodes what the request's start image and mask give the run. The grid is pooled from the
 * feathered mask, so the cells under the feather are repainted too and the composite never blends
 * generated pixels that were decoded from kept latents. `needInitLatents` is false only for an
 * image-to-image run resumed from a checkpoint without a mask: its latents already carry the image.
 */
export async function prepareEdit(model: DiffusionModel, request: GenerationRequest, needInitLatents: boolean): Promise<EditInputs> {
  const { init, width, height } = request;
  if (!init && model.unetInChannels === 4) return { initLatents: null, alpha: null, grid: null };
  const started = performance.now();
  const planes = init ? rgbBytesToChw(init.rgb, width, height) : null;
  const alpha = init?.mask ? featherMask(init.mask, width, height, init.maskFeather ?? DEFAULT_MASK_FEATHER) : null;
  const grid = alpha ? maskToLatentGrid(alpha, width, height) : null;
  const tiling = vaeTilingFor(model, width, height);
  const initLatents =
    planes && (needInitLatents || grid) ? await encodeImageLatents(model.vaeEncoder!, planes, width, height, model.scalingFactor, tiling) : null;
  const conditioning = model.unetInChannels === 9 ? await inpaintConditioning(model, planes, grid, width, height) : undefined;
  return { initLatents, alpha, grid, ...(conditioning ? { conditioning } : {}), encodeImageMs: performance.now() - started };
}
