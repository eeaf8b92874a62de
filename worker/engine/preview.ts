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
 * Only the first batch item is drawn (tileLatents puts several in one). Returns HWC bytes at
 * latent resolution (w/8 x h/8).
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

/**
 * The n images' latents [n, c, h, w] laid out as one latent image [1, c, rows * h, columns * w],
 * row by row, so one preview shows them all as the finished grid will. A copy: cheap next to a
 * UNet step (n x 4 x h x w floats), and it leaves the caller's latents alone. A last row that is
 * not full stays zero.
 */
export function tileLatents(
  latents: Float32Array,
  shape: readonly number[],
  columns: number,
): { latents: Float32Array; shape: [1, number, number, number] } {
  const [n, channels, height, width] = shape;
  if (n === 1) return { latents, shape: [1, channels, height, width] };
  const cols = Math.max(1, Math.min(columns, n));
  const rows = Math.ceil(n / cols);
  const tiledWidth = cols * width;
  const tiledPlane = rows * height * tiledWidth;
  const tiled = new Float32Array(channels * tiledPlane);
  for (let i = 0; i < n; i++) {
    const left = (i % cols) * width;
    const top = Math.floor(i / cols) * height;
    for (let c = 0; c < channels; c++) {
      const from = (i * channels + c) * height * width;
      for (let y = 0; y < height; y++) {
        const row = latents.subarray(from + y * width, from + (y + 1) * width);
        tiled.set(row, c * tiledPlane + (top + y) * tiledWidth + left);
      }
    }
  }
  return { latents: tiled, shape: [1, channels, rows * height, tiledWidth] };
}
