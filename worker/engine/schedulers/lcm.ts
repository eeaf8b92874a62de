import { addDdpmNoise, cumulativeAlphas, makeBetas, NOISE_SCHEDULE_DEFAULTS } from './noise-schedule';
import { requireNoise, type Scheduler, type StepOptions, type StepResult } from './scheduler';
import { resolveConfig, schedulerDefaults, UnsupportedSchedulerConfigError, type SchedulerConfig } from './scheduler-config';
import { readState, type SchedulerState } from './scheduler-state';
import { StepIndex } from './step-index';

const NAME = 'LCMScheduler';
const SIGMA_DATA = 0.5;

/**
 * diffusers' LCMScheduler (Luo et al. 2023): each step predicts x0, applies the consistency
 * boundary condition (c_skip, c_out) to get `denoised`, and re-noises it to the next timestep
 * with fresh noise; the last step returns `denoised` itself and draws nothing.
 */
export class LcmScheduler implements Scheduler {
  /**
   * LCMScheduler.__init__'s defaults. Its config also has timestep_spacing and steps_offset,
   * but its set_timesteps never reads them.
   */
  static readonly defaults = schedulerDefaults({
    ...NOISE_SCHEDULE_DEFAULTS,
    // LCMScheduler's own defaults are SD's schedule, not DDPM's.
    beta_start: 0.00085,
    beta_end: 0.012,
    beta_schedule: 'scaled_linear',
    prediction_type: 'epsilon',
    original_inference_steps: 50,
    timestep_scaling: 10,
    set_alpha_to_one: true,
    clip_sample: false,
    clip_sample_range: 1,
    thresholding: false,
  });

  readonly initNoiseSigma = 1;
  readonly sigmas = null;
  private readonly config: typeof LcmScheduler.defaults;
  private readonly trainSteps: number;
  private readonly alphasCumprod: Float32Array;
  private readonly finalAlphaCumprod: number;
  private readonly position = new StepIndex();
  private schedule: number[];

  constructor(modelConfig: SchedulerConfig) {
    this.config = resolveConfig(LcmScheduler.defaults, modelConfig);
    if (this.config.thresholding) throw new UnsupportedSchedulerConfigError(NAME, 'thresholding');
    this.trainSteps = this.config.num_train_timesteps;
    this.alphasCumprod = cumulativeAlphas(makeBetas(this.config));
    this.finalAlphaCumprod = this.config.set_alpha_to_one ? 1 : this.alphasCumprod[0];
    this.schedule = Array.from({ length: this.trainSteps }, (_, i) => this.trainSteps - 1 - i);
  }

  get timesteps(): readonly number[] {
    return this.schedule;
  }

  /**
   * LCM's schedule: from the distillation grid of original_inference_steps timesteps (every
   * k-th, ending at k - 1), take numInferenceSteps evenly spaced indices.
   */
  setTimesteps(numInferenceSteps: number, strength = 1): void {
    const originalSteps = this.config.original_inference_steps;
    if (originalSteps > this.trainSteps) {
      throw new RangeError(`original_inference_steps ${originalSteps} exceeds num_train_timesteps ${this.trainSteps}`);
    }
    if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1 || numInferenceSteps > originalSteps) {
      throw new RangeError(`numInferenceSteps must be an integer in 1..${originalSteps}, got ${numInferenceSteps}`);
    }
    const k = Math.floor(this.trainSteps / originalSteps);
    const gridSize = Math.trunc(originalSteps * strength);
    if (Math.floor(gridSize / numInferenceSteps) < 1) {
      throw new RangeError(`strength ${strength} leaves ${gridSize} LCM timesteps, fewer than ${numInferenceSteps} steps`);
    }
    const grid = Array.from({ length: gridSize }, (_, i) => (gridSize - i) * k - 1);
    // np.floor(np.linspace(0, gridSize, steps, endpoint=False)): i * (gridSize / steps), then floor.
    const stride = gridSize / numInferenceSteps;
    this.schedule = Array.from({ length: numInferenceSteps }, (_, i) => grid[Math.floor(i * stride)]);
    this.position.reset();
  }

  /** LCM's img2img pipeline shortens the distillation grid (set_timesteps(strength)) and runs every step. */
  timestepsForStrength(numInferenceSteps: number, strength: number): readonly number[] {
    if (!(strength > 0 && strength <= 1)) throw new RangeError(`strength must be in (0, 1], got ${strength}`);
    this.setTimesteps(numInferenceSteps, strength);
    return this.schedule;
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): StepResult {
    const index = this.position.current(timestep, this.schedule);
    const isLast = index === this.schedule.length - 1;
    const prevTimestep = isLast ? timestep : this.schedule[index + 1];
    const alphaProd = this.alphasCumprod[timestep];
    const alphaProdPrev = prevTimestep >= 0 ? this.alphasCumprod[prevTimestep] : this.finalAlphaCumprod;
    const sqrtAlpha = Math.sqrt(alphaProd);
    const sqrtBeta = Math.sqrt(1 - alphaProd);
    const scaled = timestep * this.config.timestep_scaling;
    const cSkip = SIGMA_DATA ** 2 / (scaled ** 2 + SIGMA_DATA ** 2);
    const cOut = scaled / Math.sqrt(scaled ** 2 + SIGMA_DATA ** 2);
    const { clip_sample: clip, clip_sample_range: range, prediction_type: prediction } = this.config;

    const denoised = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i];
      const out = modelOutput[i];
      let x0: number;
      if (prediction === 'epsilon') x0 = (x - sqrtBeta * out) / sqrtAlpha;
      else if (prediction === 'v_prediction') x0 = sqrtAlpha * x - sqrtBeta * out;
      else x0 = out;
      if (clip) x0 = Math.min(range, Math.max(-range, x0));
      denoised[i] = cOut * x0 + cSkip * x;
    }
    let prev = denoised;
    if (!isLast) {
      const noise = requireNoise(options, NAME)(sample.length);
      const a = Math.sqrt(alphaProdPrev);
      const b = Math.sqrt(1 - alphaProdPrev);
      prev = denoised.map((d, i) => a * d + b * noise[i]);
    }
    this.position.advance();
    return { prevSample: prev, predOriginalSample: denoised, denoised };
  }

  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    return addDdpmNoise(this.alphasCumprod, original, noise, timestep);
  }

  snapshot(): SchedulerState {
    return { kind: NAME, counters: this.position.snapshot(), arrays: { timesteps: Float64Array.from(this.schedule) } };
  }

  restore(state: SchedulerState): void {
    const read = readState(state, NAME);
    this.position.restore({ stepIndex: read.counter('stepIndex'), beginIndex: read.counter('beginIndex') });
    this.schedule = read.schedule('timesteps');
  }
}
