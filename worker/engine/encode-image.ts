import { Tensor } from 'onnxruntime-node';
import type { VaeGraph } from './diffusion-model';
import { runTiled, type VaeTiling } from './vae-tiles';

/** Interleaved 8-bit RGB (HWC) to the VAE's input: planes (CHW) in [-1, 1], as diffusers' preprocess does. */
export function rgbBytesToChw(rgb: Uint8Array, width: number, height: number): Float32Array {
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    out[i] = rgb[i * 3] / 127.5 - 1;
    out[plane + i] = rgb[i * 3 + 1] / 127.5 - 1;
    out[2 * plane + i] = rgb[i * 3 + 2] / 127.5 - 1;
  }
  return out;
}

/**
 * VAE-encodes an image [1, 3, H, W] into scaled latents [1, 4, H/8, W/8] (times the scaling
 * factor); with `tiling` (vaeTilingFor), in overlapping tiles blended in latent space.
 */
export async function encodeImageLatents(
  vae: VaeGraph,
  image: Float32Array,
  width: number,
  height: number,
  scalingFactor: number,
  tiling?: VaeTiling,
): Promise<Float32Array> {
  if (tiling) {
    const [w, h] = [width / 8, height / 8];
    const run = (tile: Float32Array, box: { width: number; height: number }) =>
      encodeImageLatents(vae, tile, box.width * 8, box.height * 8, scalingFactor);
    return runTiled({ input: image, inChannels: 3, inScale: 8, outChannels: 4, outScale: 1, width: w, height: h, tiling, run });
  }
  const outputs = await vae.session.run({ [vae.inputName]: new Tensor('float32', image, [1, 3, height, width]) });
  const latents = outputs[vae.outputName] as Tensor;
  const [, channels, h, w] = latents.dims;
  if (channels !== 4 || h !== height / 8 || w !== width / 8) {
    throw new Error(`VAE encoder returned [${latents.dims.join(', ')}], expected [1, 4, ${height / 8}, ${width / 8}]`);
  }
  return (latents.data as Float32Array).map((v) => v * scalingFactor);
}
