import { f32 } from './float32-math';
import { cumulativeAlphas, makeBetas, type NoiseScheduleConfig } from './noise-schedule';
import type { Scheduler, StepOptions, StepResult } from './scheduler';
import type { ConfigOf } from './scheduler-config';
import { interpolate, trainingSigmasOf, vpInitNoiseSigma } from './sigmas';
import { readState, type SchedulerState } from './scheduler-state';
import { StepIndex } from './step-index';
import { arangeDown, assertStepCount, leading, linspace, roundHalfEven, strengthStartIndex } from './timestep-spacing';

/** What the shared code reads; each subclass declares the defaults. */
export type SigmaSchedulerConfig = NoiseScheduleConfig & ConfigOf<'prediction_type' | 'timestep_spacing' | 'steps_offset'>;

/**
 * What diffusers' Euler and Euler-ancestral schedulers share: VE sigmas over the training
 * schedule, the UNet input scaled by 1 / sqrt(sigma² + 1), img2img noise added in VE space, and
 * state that is the position plus the two tables. Subclasses write the step.
 */
export abstract class SigmaScheduler<C extends SigmaSchedulerConfig> implements Scheduler {
  protected readonly trainSteps: number;
  protected readonly trainSigmas: Float32Array;
  protected readonly position = new StepIndex();
  protected schedule: number[];
  protected noiseLevels: number[];

  constructor(
    protected readonly name: string,
    protected readonly config: C,
  ) {
    this.trainSteps = config.num_train_timesteps;
    this.trainSigmas = trainingSigmasOf(cumulativeAlphas(makeBetas(config)), config.rescale_betas_zero_snr);
    // Before setTimesteps, diffusers' state is the whole training schedule.
    this.noiseLevels = [...this.trainSigmas.slice().reverse(), 0];
    this.schedule = Array.from({ length: this.trainSteps }, (_, i) => this.trainSteps - 1 - i);
  }

  abstract setTimesteps(numInferenceSteps: number): void;
  abstract step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options?: StepOptions): StepResult;

  get timesteps(): readonly number[] {
    return this.schedule;
  }

  get sigmas(): readonly number[] {
    return this.noiseLevels;
  }

  get initNoiseSigma(): number {
    const max = Math.max(...this.noiseLevels);
    // diffusers assumes "leading" schedules stop short of the training sigma_max and adds 1 in quadrature.
    const spacing = this.config.timestep_spacing;
    return spacing === 'linspace' || spacing === 'trailing' ? max : vpInitNoiseSigma(max);
  }

  /** The timesteps of `timestep_spacing` ("linspace" keeps fractional float32 values), and their interpolated sigmas. */
  protected spacedSchedule(numInferenceSteps: number): { timesteps: number[]; sigmas: number[] } {
    const n = this.trainSteps;
    assertStepCount(numInferenceSteps, n);
    const spacing = this.config.timestep_spacing;
    let timesteps: number[];
    if (spacing === 'linspace') timesteps = linspace(0, n - 1, numInferenceSteps).map(f32).reverse();
    else if (spacing === 'leading') timesteps = leading(numInferenceSteps, Math.floor(n / numInferenceSteps), this.config.steps_offset);
    else timesteps = arangeDown(n, n / numInferenceSteps).map((t) => roundHalfEven(t) - 1);
    return { timesteps, sigmas: timesteps.map((t) => interpolate(this.trainSigmas, t)) };
  }

  timestepsForStrength(numInferenceSteps: number, strength: number): readonly number[] {
    this.setTimesteps(numInferenceSteps);
    const start = strengthStartIndex(numInferenceSteps, strength);
    this.position.setBegin(start);
    return this.schedule.slice(start);
  }

  scaleModelInput(sample: Float32Array, timestep: number): Float32Array {
    const sigma = this.noiseLevels[this.position.current(timestep, this.schedule)];
    const scale = 1 / Math.sqrt(sigma * sigma + 1);
    return sample.map((x) => x * scale);
  }

  /** The model's estimate of x0 from one value of its output at VE noise level sigma. */
  protected predictX0(x: number, out: number, sigma: number): number {
    const prediction = this.config.prediction_type;
    if (prediction === 'epsilon') return x - sigma * out;
    if (prediction === 'v_prediction') {
      const vpScale = 1 / (sigma * sigma + 1);
      return -out * sigma * Math.sqrt(vpScale) + x * vpScale;
    }
    return out;
  }

  /** img2img in VE space: x0 + sigma * noise, at the begin index when timestepsForStrength set one. */
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    const sigma = this.noiseLevels[this.position.forAddNoise(timestep, this.schedule)];
    return original.map((x, i) => x + sigma * noise[i]);
  }

  snapshot(): SchedulerState {
    return {
      kind: this.name,
      counters: this.position.snapshot(),
      arrays: { timesteps: Float64Array.from(this.schedule), sigmas: Float64Array.from(this.noiseLevels) },
    };
  }

  restore(state: SchedulerState): void {
    const read = readState(state, this.name);
    this.position.restore({ stepIndex: read.counter('stepIndex'), beginIndex: read.counter('beginIndex') });
    this.schedule = read.schedule('timesteps');
    this.noiseLevels = read.schedule('sigmas');
  }
}
