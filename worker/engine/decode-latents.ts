import { Tensor } from 'onnxruntime-node';
import type { VaeGraph } from './diffusion-model';
import { runTiled, type VaeTiling } from './vae-tiles';

export interface DecodedImage {
  /** Interleaved RGB, row-major (HWC). */
  rgb: Uint8Array;
  width: number;
  height: number;
}

/**
 * VAE-decodes one latent [1, 4, h, w] into 8-bit RGB, as diffusers' decode + numpy_to_pil does;
 * with `tiling` (vaeTilingFor), in overlapping tiles cross-faded before rounding to bytes.
 */
export async function decodeLatents(
  vae: VaeGraph,
  latents: Float32Array,
  shape: readonly number[],
  scalingFactor: number,
  tiling?: VaeTiling,
): Promise<DecodedImage> {
  // A new array: the caller's latents may still be held by a progress listener.
  const unscaled = latents.map((v) => v / scalingFactor);
  if (tiling) {
    const [, , h, w] = shape;
    const run = async (tile: Float32Array, box: { width: number; height: number }) =>
      (await decodePlanes(vae, tile, [1, 4, box.height, box.width])).planes;
    const planes = await runTiled({ input: unscaled, inChannels: 4, inScale: 1, outChannels: 3, outScale: 8, width: w, height: h, tiling, run });
    return { rgb: chwToRgbBytes(planes, w * 8, h * 8), width: w * 8, height: h * 8 };
  }
  const { planes, width, height } = await decodePlanes(vae, unscaled, shape);
  return { rgb: chwToRgbBytes(planes, width, height), width, height };
}

async function decodePlanes(vae: VaeGraph, unscaled: Float32Array, shape: readonly number[]) {
  const outputs = await vae.session.run({ [vae.inputName]: new Tensor('float32', unscaled, shape) });
  const image = outputs[vae.outputName] as Tensor;
  const [, channels, height, width] = image.dims;
  if (channels !== 3) throw new Error(`VAE decoder returned ${channels} channels, expected 3`);
  return { planes: image.data as Float32Array, width, height };
}

/** [-1, 1] planes to interleaved bytes: clamp((x + 1) / 2) * 255, rounded. */
export function chwToRgbBytes(planes: Float32Array, width: number, height: number): Uint8Array {
  const plane = width * height;
  const rgb = new Uint8Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const offset = c * plane;
    for (let p = 0; p < plane; p++) {
      const v = (planes[offset + p] + 1) / 2;
      rgb[p * 3 + c] = Math.round((v < 0 ? 0 : v > 1 ? 1 : v) * 255);
    }
  }
  return rgb;
}
