export type Rgb = readonly [number, number, number];
/** One RGB row per latent channel. */
export type LatentRgbFactors = readonly Rgb[];

/** A model's fitted latent-to-RGB map, as kumori.json stores it. */
export interface PreviewProjection {
  factors: LatentRgbFactors;
  bias: Rgb;
}

/**
 * A cheap stand-in for the VAE decoder: each latent pixel becomes one RGB pixel through a fitted
 * linear map, rgb = sum_c latent_c * factors[c] + bias, read as [-1, 1] like the decoder output.
 * Only the first batch item is drawn. Returns HWC bytes at latent resolution (w/8 x h/8).
 */
export function latentsToPreview(
  latents: Float32Array,
  shape: readonly number[],
  factors: LatentRgbFactors,
  bias: Rgb = [0, 0, 0],
): Uint8Array {
  const [, channels, height, width] = shape;
  if (factors.length !== channels) throw new Error(`${factors.length} preview factor rows for ${channels} latent channels`);
  const plane = width * height;
  const rgb = new Uint8Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    for (let k = 0; k < 3; k++) {
      let v = bias[k];
      for (let c = 0; c < channels; c++) v += latents[c * plane + p] * factors[c][k];
      const unit = (v + 1) / 2;
      rgb[p * 3 + k] = Math.round((unit < 0 ? 0 : unit > 1 ? 1 : unit) * 255);
    }
  }
  return rgb;
}
