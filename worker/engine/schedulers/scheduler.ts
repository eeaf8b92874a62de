/**
 * What the denoising loop needs from a sampler. Shaped after diffusers' SchedulerMixin so each
 * diffusers class can be ported one file at a time and checked against the golden trajectories.
 * Schedulers are stateful (multistep ones remember earlier outputs, most track their position
 * in the schedule); setTimesteps and timestepsForStrength reset them, so one instance runs one
 * generation at a time.
 */
import type { SchedulerState } from './scheduler-state';

export interface Scheduler {
  /** Timesteps to pass to the UNet, in order, after setTimesteps. May be fractional (Karras sigmas). */
  readonly timesteps: readonly number[];
  /**
   * The noise level of each timestep plus the final one (timesteps.length + 1 entries), for
   * schedulers that work in sigmas; null for those that do not (DDIM, LCM).
   */
  readonly sigmas: readonly number[] | null;
  /** Standard deviation of the initial noise; latents start as N(0, 1) times this. */
  readonly initNoiseSigma: number;
  setTimesteps(numInferenceSteps: number): void;
  /**
   * img2img: sets the schedule for `numInferenceSteps` at `strength` (0..1) and returns the
   * timesteps still to run, as diffusers' img2img pipelines do (get_timesteps + set_begin_index,
   * or LCM's set_timesteps(strength)). Noise the encoded image with addNoise(image, noise, first
   * returned timestep), then run the returned timesteps with scaleModelInput and step.
   */
  timestepsForStrength(numInferenceSteps: number, strength: number): readonly number[];
  /** May return `sample` itself when no scaling is needed: callers must not mutate the result. */
  scaleModelInput(sample: Float32Array, timestep: number): Float32Array;
  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options?: StepOptions): StepResult;
  /** Forward diffusion q(x_t | x_0), used by img2img to start from a noised image. */
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array;
  /** Everything step() and setTimesteps changed so far, copied (for checkpoints). */
  snapshot(): SchedulerState;
  /**
   * Puts this scheduler where snapshot() was taken, so the next step() continues that run. The
   * state must come from the same class built from the same config; the class is checked.
   */
  restore(state: SchedulerState): void;
}

export interface StepOptions {
  /** Source of N(0, 1) noise for stochastic steps (Euler ancestral, LCM, DDIM with eta > 0). */
  drawNoise?: (length: number) => Float32Array;
}

export interface StepResult {
  prevSample: Float32Array;
  /** The model's estimate of the clean latents at this step; the best thing to preview. */
  predOriginalSample?: Float32Array;
  /** LCM only: the consistency-model output, which is also predOriginalSample and the final result. */
  denoised?: Float32Array;
}

export function requireNoise(options: StepOptions, who: string): (length: number) => Float32Array {
  if (!options.drawNoise) throw new Error(`${who} draws noise: pass options.drawNoise`);
  return options.drawNoise;
}
