import { addDdpmNoise, cumulativeAlphas, makeBetas, NOISE_SCHEDULE_DEFAULTS } from './noise-schedule';
import type { Scheduler, StepOptions, StepResult } from './scheduler';
import { readState, type SchedulerState } from './scheduler-state';
import { resolveConfig, schedulerDefaults, UnsupportedSchedulerConfigError, type SchedulerConfig } from './scheduler-config';
import { arangeDown, assertStepCount, leading, linspace, roundHalfEven, strengthStartIndex } from './timestep-spacing';

export interface DdimOptions {
  /** 0 is deterministic DDIM; 1 recovers DDPM's variance. */
  eta?: number;
}

/** A port of diffusers' DDIMScheduler (Song et al. 2020). */
export class DdimScheduler implements Scheduler {
  /** DDIMScheduler.__init__'s defaults. */
  static readonly defaults = schedulerDefaults({
    ...NOISE_SCHEDULE_DEFAULTS,
    prediction_type: 'epsilon',
    timestep_spacing: 'leading',
    steps_offset: 0,
    // The step past t=0 has no alpha of its own: SD uses alphas_cumprod[0] (set_alpha_to_one false).
    set_alpha_to_one: true,
    clip_sample: true,
    clip_sample_range: 1,
    thresholding: false,
  });

  readonly initNoiseSigma = 1;
  readonly sigmas = null;
  private readonly config: typeof DdimScheduler.defaults;
  private readonly alphasCumprod: Float32Array;
  private readonly finalAlphaCumprod: number;
  private readonly trainSteps: number;
  private readonly eta: number;
  private stepCount = 0;
  private current: number[] = [];

  constructor(modelConfig: SchedulerConfig, { eta = 0 }: DdimOptions = {}) {
    this.config = resolveConfig(DdimScheduler.defaults, modelConfig);
    if (this.config.thresholding) throw new UnsupportedSchedulerConfigError('DDIMScheduler', 'thresholding');
    this.trainSteps = this.config.num_train_timesteps;
    this.alphasCumprod = cumulativeAlphas(makeBetas(this.config));
    this.finalAlphaCumprod = this.config.set_alpha_to_one ? 1 : this.alphasCumprod[0];
    this.eta = eta;
    this.current = Array.from({ length: this.trainSteps }, (_, i) => this.trainSteps - 1 - i);
  }

  get timesteps(): readonly number[] {
    return this.current;
  }

  setTimesteps(numInferenceSteps: number): void {
    const n = this.trainSteps;
    assertStepCount(numInferenceSteps, n);
    this.stepCount = numInferenceSteps;
    const spacing = this.config.timestep_spacing;
    if (spacing === 'linspace') {
      this.current = linspace(0, n - 1, numInferenceSteps).map(roundHalfEven).reverse();
    } else if (spacing === 'leading') {
      this.current = leading(numInferenceSteps, Math.floor(n / numInferenceSteps), this.config.steps_offset);
    } else {
      this.current = arangeDown(n, n / numInferenceSteps).map((t) => roundHalfEven(t) - 1);
    }
  }

  /** DDIM has no begin index: each step works from its timestep's value, so the tail just runs. */
  timestepsForStrength(numInferenceSteps: number, strength: number): readonly number[] {
    this.setTimesteps(numInferenceSteps);
    return this.current.slice(strengthStartIndex(numInferenceSteps, strength));
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): StepResult {
    if (this.stepCount === 0) throw new Error('call setTimesteps before step');
    // diffusers always steps back by n / steps, even for "trailing" and "linspace" spacing.
    const prevTimestep = timestep - Math.floor(this.trainSteps / this.stepCount);
    const alphaProdT = this.alphasCumprod[timestep];
    const alphaProdPrev = prevTimestep >= 0 ? this.alphasCumprod[prevTimestep] : this.finalAlphaCumprod;
    const betaProdT = 1 - alphaProdT;
    const sqrtAlpha = Math.sqrt(alphaProdT);
    const sqrtBeta = Math.sqrt(betaProdT);
    const variance = ((1 - alphaProdPrev) / betaProdT) * (1 - alphaProdT / alphaProdPrev);
    const stdDev = this.eta * Math.sqrt(variance);
    const directionScale = Math.sqrt(1 - alphaProdPrev - stdDev * stdDev);
    const sqrtAlphaPrev = Math.sqrt(alphaProdPrev);
    const { clip_sample: clip, clip_sample_range: range, prediction_type: prediction } = this.config;

    const predOriginal = new Float32Array(sample.length);
    const prev = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i];
      const out = modelOutput[i];
      let x0: number;
      let eps: number;
      if (prediction === 'epsilon') {
        x0 = (x - sqrtBeta * out) / sqrtAlpha;
        eps = out;
      } else if (prediction === 'v_prediction') {
        x0 = sqrtAlpha * x - sqrtBeta * out;
        eps = sqrtAlpha * out + sqrtBeta * x;
      } else {
        x0 = out;
        eps = (x - sqrtAlpha * x0) / sqrtBeta;
      }
      if (clip) x0 = Math.min(range, Math.max(-range, x0));
      predOriginal[i] = x0;
      prev[i] = sqrtAlphaPrev * x0 + directionScale * eps;
    }
    if (this.eta > 0) {
      if (!options.drawNoise) throw new Error('DDIM with eta > 0 needs options.drawNoise');
      const noise = options.drawNoise(sample.length);
      for (let i = 0; i < prev.length; i++) prev[i] += stdDev * noise[i];
    }
    return { prevSample: prev, predOriginalSample: predOriginal };
  }

  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    return addDdpmNoise(this.alphasCumprod, original, noise, timestep);
  }

  /** DDIM steps by timestep value alone: the schedule is all it carries. */
  snapshot(): SchedulerState {
    return { kind: 'DDIMScheduler', counters: { stepCount: this.stepCount }, arrays: { timesteps: Float64Array.from(this.current) } };
  }

  restore(state: SchedulerState): void {
    const read = readState(state, 'DDIMScheduler');
    this.stepCount = read.counter('stepCount') ?? 0;
    this.current = read.schedule('timesteps');
  }
}
