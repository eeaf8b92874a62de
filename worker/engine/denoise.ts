import type { Tensor } from 'onnxruntime-node';
import type { DiffusionModel } from './diffusion-model';
import type { LatentBlend } from './edit/latent-blend';
import { GenerationInterrupted } from './generation-interrupted';
import { standardNormal, type Rng } from './noise';
import type { GenerateOptions } from './pipeline';
import { noisePredictor } from './predict-noise';
import type { Scheduler } from './schedulers/scheduler';

/** [n, 4, h/8, w/8]: the n images of a generation, denoised together. */
export type LatentShape = readonly [number, 4, number, number];

/** A run ready to denoise: its latents and noise generator are at `firstStep` (0 unless resumed). */
export interface DenoiseRun {
  model: DiffusionModel;
  scheduler: Scheduler;
  timesteps: readonly number[];
  shape: LatentShape;
  hiddenStates: Tensor;
  guidance: number;
  /** One noise generator per image (seeded with that image's seed), so each image draws what it would alone. */
  rngs: Rng[];
  /** The n images' latents, one after another. */
  latents: Float32Array;
  firstStep: number;
  /** requestFingerprint, written into checkpoints. */
  fingerprint: string;
  /** Inpainting with a 4-channel UNet: keeps the unmasked cells on the original's trajectory. */
  blend?: LatentBlend;
  /** Inpainting with a 9-channel UNet: mask and masked-image latents (see NoiseBatch). */
  conditioning?: Float32Array;
}

export function stopIfCancelled(signal: AbortSignal | undefined, completedSteps: number): void {
  if (signal?.aborted) throw new GenerationInterrupted('cancelled', completedSteps);
}

/**
 * The denoising loop from `firstStep` to the end. Cancel, suspend and checkpoints happen only at
 * step boundaries, so a checkpoint always holds a state an uninterrupted run passes through.
 */
export async function denoise(run: DenoiseRun, options: GenerateOptions): Promise<{ latents: Float32Array; stepMs: number[] }> {
  const { scheduler, timesteps, shape, rngs, firstStep } = run;
  const stepCount = timesteps.length;
  const every = options.checkpointEvery ?? 0;
  const predictNoise = noisePredictor(run);
  let { latents } = run;
  const checkpointAt = async (step: number) => {
    const rng = rngs.flatMap((r) => r.state());
    const checkpoint = { step, steps: stepCount, latents, scheduler: scheduler.snapshot(), rng, fingerprint: run.fingerprint };
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
      drawNoise: (length) => drawBatchNoise(rngs, length),
    });
    latents = run.blend ? run.blend.afterStep(result.prevSample, index) : result.prevSample;
    stepMs.push(performance.now() - started);
    const estimate = result.denoised ?? result.predOriginalSample;
    const denoised = estimate && run.blend ? run.blend.preview(estimate) : estimate;
    await options.onStep?.({ step: index + 1, steps: stepCount, latents, shape, denoised });
    if (every > 0 && (index + 1) % every === 0 && index + 1 < stepCount) await checkpointAt(index + 1);
  }
  stopIfCancelled(options.signal, stepCount);
  return { latents, stepMs };
}

/** Noise for the whole batch, each image's share from its own generator, in image order. */
function drawBatchNoise(rngs: Rng[], length: number): Float32Array {
  if (rngs.length === 1) return standardNormal(rngs[0], length);
  const each = length / rngs.length;
  const noise = new Float32Array(length);
  rngs.forEach((rng, i) => noise.set(standardNormal(rng, each), i * each));
  return noise;
}
