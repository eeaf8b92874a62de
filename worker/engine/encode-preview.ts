import sharp from 'sharp';
import { latentsToPreview, type PreviewProjection } from './preview';

export interface PreviewEncoding {
  /** The shorter side is enlarged to at least this many pixels; never shrunk. */
  minSide?: number;
  quality?: number;
}

/**
 * Latent-resolution RGB to a small WebP for progress events. Enlarged with a smooth kernel so
 * browsers that scale it up further show soft colour instead of blocks.
 */
export async function encodePreviewWebp(
  rgb: Uint8Array,
  width: number,
  height: number,
  { minSide = 64, quality = 60 }: PreviewEncoding = {},
): Promise<Buffer> {
  const scale = Math.max(1, minSide / Math.min(width, height));
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'cubic' })
    .webp({ quality })
    .toBuffer();
}

/** Step latents [1, 4, h, w] straight to a preview WebP: the worker's one call per step. */
export async function encodePreview(
  latents: Float32Array,
  shape: readonly number[],
  projection: PreviewProjection,
  encoding?: PreviewEncoding,
): Promise<Buffer> {
  const rgb = latentsToPreview(latents, shape, projection.factors, projection.bias);
  return encodePreviewWebp(rgb, shape[3], shape[2], encoding);
}
