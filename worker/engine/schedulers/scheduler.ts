/**
 * What the denoising loop needs from a sampler. Shaped after diffusers' SchedulerMixin so each
 * diffusers class can be ported one file at a time and checked against the golden trajectories.
 * Schedulers are stateful (multistep ones remember earlier outputs); setTimesteps resets them.
 */
export interface Scheduler {
  /** Timesteps to pass to the UNet, in order, after setTimesteps. */
  readonly timesteps: readonly number[];
  /** Standard deviation of the initial noise; latents start as N(0, 1) times this. */
  readonly initNoiseSigma: number;
  setTimesteps(numInferenceSteps: number): void;
  /** May return `sample` itself when no scaling is needed: callers must not mutate the result. */
  scaleModelInput(sample: Float32Array, timestep: number): Float32Array;
  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options?: StepOptions): StepResult;
  /** Forward diffusion q(x_t | x_0), used by img2img to start from a noised image. */
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array;
}

export interface StepOptions {
  /** Source of N(0, 1) noise for stochastic steps (ancestral samplers, DDIM with eta > 0). */
  drawNoise?: (length: number) => Float32Array;
}

export interface StepResult {
  prevSample: Float32Array;
  /** The model's estimate of the clean latents at this step; the best thing to preview. */
  predOriginalSample?: Float32Array;
}
