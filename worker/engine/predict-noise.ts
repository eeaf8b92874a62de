import { Tensor } from 'onnxruntime-node';
import type { DiffusionModel } from './diffusion-model';
import { timestepTensor } from './graph-inputs';
import { applyGuidance } from './guidance';
import { fixedUnetBatch, planUnetCalls } from './unet-calls';

export interface NoiseBatch {
  model: DiffusionModel;
  /** [n, 4, h, w]: the images denoised together. */
  shape: readonly [number, 4, number, number];
  /** [1 or 2, sequence, dim]: the prompt, or with guidance the negative prompt then the prompt. */
  hiddenStates: Tensor;
  guidance: number;
  /**
   * 9-channel inpainting UNets: the channels fed after each row's 4 latents (mask, then the masked
   * image's latents; inpaintConditioning), the same for every row.
   */
  conditioning?: Float32Array;
}

/**
 * The UNet's noise prediction for the n images' scaled latents, with classifier-free guidance
 * when guidance > 1. Rows are in diffusers' order, n unconditional then n conditional, so the
 * guided output is [uncond x n; cond x n] and guidance is one pass over it. Usually one call a
 * step; split or padded when the model limits its batch (see planUnetCalls). Each row is computed
 * independently, so an image comes out as it would alone, up to float rounding in the kernels.
 */
export function noisePredictor({ model: { unet, maxUnetBatch }, shape, hiddenStates, guidance, conditioning }: NoiseBatch) {
  const [n, channels, height, width] = shape;
  const size = channels * height * width;
  const extra = conditioning?.length ?? 0;
  const inSize = size + extra;
  const inChannels = inSize / (height * width);
  const guided = guidance > 1;
  const rows = guided ? 2 * n : n;
  const [, sequence, dim] = hiddenStates.dims;
  const states = hiddenStates.data as Float32Array;
  const stateSize = sequence * dim;
  // Padding repeats a call's last row; its output is dropped.
  const rowAt = (call: { start: number; count: number }, b: number) => call.start + Math.min(b, call.count - 1);
  const calls = planUnetCalls(rows, { fixed: fixedUnetBatch(unet), max: maxUnetBatch }).map((call) => {
    const context = new Float32Array(call.batch * stateSize);
    for (let b = 0; b < call.batch; b++) {
      const text = guided && rowAt(call, b) >= n ? 1 : 0;
      context.set(states.subarray(text * stateSize, (text + 1) * stateSize), b * stateSize);
    }
    const input = new Float32Array(call.batch * inSize);
    if (conditioning) for (let b = 0; b < call.batch; b++) input.set(conditioning, b * inSize + size);
    return { ...call, input, context: new Tensor('float32', context, [call.batch, sequence, dim]) };
  });
  return async (scaled: Float32Array, timestep: number): Promise<Float32Array> => {
    const prediction = new Float32Array(rows * size);
    for (const call of calls) {
      for (let b = 0; b < call.batch; b++) {
        const image = rowAt(call, b) % n;
        call.input.set(scaled.subarray(image * size, (image + 1) * size), b * inSize);
      }
      const outputs = await unet.session.run({
        [unet.sampleName]: new Tensor('float32', call.input, [call.batch, inChannels, height, width]),
        [unet.timestep.name]: timestepTensor(unet.timestep, timestep, call.batch),
        [unet.contextName]: call.context,
      });
      const out = (outputs[unet.outputName] as Tensor).data as Float32Array;
      prediction.set(out.subarray(0, call.count * size), call.start * size);
    }
    return guided ? applyGuidance(prediction, n * size, guidance) : prediction;
  };
}
