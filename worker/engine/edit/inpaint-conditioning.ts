import type { DiffusionModel } from '../diffusion-model';
import { encodeImageLatents } from '../encode-image';
import { maskImagePlanes } from './latent-mask';
import { vaeTilingFor } from '../vae-tiles';

/**
 * What a 9-channel inpainting UNet takes after the 4 noisy latents, in diffusers'
 * StableDiffusionInpaintPipeline order: the mask on the latent grid (1 channel), then the masked
 * image's scaled latents (4 channels); [5, h/8, w/8], the same for each of the n images. The masked
 * image is the original with the repainted cells set to grey (0), so the UNet sees what to keep
 * and nothing of what it repaints. Without a mask (text or image to image on an inpainting
 * model) everything is repainted from a grey image, as A1111 does.
 */
export async function inpaintConditioning(
  model: DiffusionModel,
  planes: Float32Array | null,
  grid: Float32Array | null,
  width: number,
  height: number,
): Promise<Float32Array> {
  if (!model.vaeEncoder) throw new Error('This inpainting model has no VAE encoder, so it cannot encode the masked image.');
  const cells = (width / 8) * (height / 8);
  const mask = grid ?? new Float32Array(cells).fill(1);
  const masked = planes && grid ? maskImagePlanes(planes, grid, width, height) : new Float32Array(3 * width * height);
  const latents = await encodeImageLatents(model.vaeEncoder, masked, width, height, model.scalingFactor, vaeTilingFor(model, width, height));
  const conditioning = new Float32Array(5 * cells);
  conditioning.set(mask, 0);
  conditioning.set(latents, cells);
  return conditioning;
}
