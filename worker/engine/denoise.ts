import { Tensor } from 'onnxruntime-node';
import type { DiffusionModel } from './diffusion-model';
import { GenerationInterrupted } from './generation-interrupted';
import { timestepTensor } from './graph-inputs';
import { applyGuidance } from './guidance';
import { standardNormal, type Rng } from './noise';
import type { GenerateOptions } from './pipeline';
import type { Scheduler } from './schedulers/scheduler';

export type LatentShape = readonly [1, 4, number, number];

/** A run ready to denoise: its latents and noise generator are at `firstStep` (0 unless resumed). */
export interface DenoiseRun {
  model: DiffusionModel;
  scheduler: Scheduler;
  timesteps: readonly number[];
  shape: LatentShape;
  hiddenStates: Tensor;
  guidance: number;
  rng: Rng;
  latents: Float32Array;
  firstStep: number;
  /** requestFingerprint, written into checkpoints. */
  fingerprint: string;
}

export function stopIfCancelled(signal: AbortSignal | undefined, completedSteps: number): void {
  if (signal?.aborted) throw new GenerationInterrupted('cancelled', completedSteps);
}

/**
 * The denoising loop from `firstStep` to the end. Cancel, suspend and checkpoints happen only at
 * step boundaries, so a checkpoint always holds a state an uninterrupted run passes through.
 */
export async function denoise(run: DenoiseRun, options: GenerateOptions): Promise<{ latents: Float32Array; stepMs: number[] }> {
  const { scheduler, timesteps, shape, rng, firstStep } = run;
  const stepCount = timesteps.length;
  const every = options.checkpointEvery ?? 0;
  const predictNoise = noisePredictor(run);
  let { latents } = run;
  const checkpointAt = async (step: number) => {
    const checkpoint = { step, steps: stepCount, latents, scheduler: scheduler.snapshot(), rng: rng.state(), fingerprint: run.fingerprint };
    await options.onCheckpoint?.(checkpoint);
  };
  const stepMs: number[] = [];
  for (let index = firstStep; index < stepCount; index++) {
    const timestep = timesteps[index];
    stopIfCancelled(options.signal, index);
    if (options.suspend?.aborted) {
      // A checkpoint at `index` already exists when this run resumed there or just wrote one.
      const saved = index === firstStep || (every > 0 && index % every === 0);
      if (!saved) await checkpointAt(index);
      throw new GenerationInterrupted('suspended', index);
    }
    const started = performance.now();
    const noisePrediction = await predictNoise(scheduler.scaleModelInput(latents, timestep), timestep);
    const result = scheduler.step(noisePrediction, timestep, latents, {
      drawNoise: (length) => standardNormal(rng, length),
    });
    latents = result.prevSample;
    stepMs.push(performance.now() - started);
    await options.onStep?.({ step: index + 1, steps: stepCount, latents, shape, denoised: result.denoised ?? result.predOriginalSample });
    if (every > 0 && (index + 1) % every === 0 && index + 1 < stepCount) await checkpointAt(index + 1);
  }
  stopIfCancelled(options.signal, stepCount);
  return { latents, stepMs };
}

/** The UNet's noise prediction for scaled latents, with classifier-free guidance when guidance > 1. */
function noisePredictor({ model: { unet }, shape, hiddenStates, guidance }: DenoiseRun) {
  const size = 4 * shape[2] * shape[3];
  const guided = guidance > 1;
  const batch = guided ? 2 : 1;
  const unetInput = new Float32Array(size * batch);
  return async (scaled: Float32Array, timestep: number): Promise<Float32Array> => {
    for (let b = 0; b < batch; b++) unetInput.set(scaled, b * size);
    const outputs = await unet.session.run({
      [unet.sampleName]: new Tensor('float32', unetInput, [batch, 4, shape[2], shape[3]]),
      [unet.timestep.name]: timestepTensor(unet.timestep, timestep, batch),
      [unet.contextName]: hiddenStates,
    });
    const prediction = (outputs[unet.outputName] as Tensor).data as Float32Array;
    return guided ? applyGuidance(prediction, size, guidance) : prediction;
  };
}
