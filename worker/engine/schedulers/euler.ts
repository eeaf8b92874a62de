import { f32 } from './float32-math';
import { cumulativeAlphas, makeBetas } from './noise-schedule';
import type { Scheduler, StepResult } from './scheduler';
import { UnsupportedSchedulerConfigError, type PredictionType, type SchedulerConfig } from './scheduler-config';
import { interpolate, karrasSigmas, logSigmas, sigmaToTimestep, trainingSigmas, vpInitNoiseSigma } from './sigmas';
import { readState, type SchedulerState } from './scheduler-state';
import { StepIndex } from './step-index';
import { arangeDown, assertStepCount, leading, linspace, roundHalfEven, strengthStartIndex } from './timestep-spacing';

const NAME = 'EulerDiscreteScheduler';

/**
 * diffusers' EulerDiscreteScheduler: Karras et al. (2022) algorithm 2 without churn, the sampler
 * SD-Turbo ships with. Sigmas are VE noise levels; the UNet sees the VP input x / sqrt(sigma²+1).
 */
export class EulerScheduler implements Scheduler {
  private readonly trainSteps: number;
  private readonly prediction: PredictionType;
  private readonly trainSigmas: Float32Array;
  private readonly isContinuous: boolean;
  private readonly position = new StepIndex();
  private schedule: number[] = [];
  private noiseLevels: number[] = [];

  constructor(private readonly config: SchedulerConfig) {
    for (const key of ['use_exponential_sigmas', 'use_beta_sigmas'] as const) {
      if (config[key]) throw new UnsupportedSchedulerConfigError(NAME, key);
    }
    if ((config.interpolation_type ?? 'linear') !== 'linear') {
      throw new UnsupportedSchedulerConfigError(NAME, `interpolation_type "${config.interpolation_type}"`);
    }
    this.trainSteps = config.num_train_timesteps ?? 1000;
    this.prediction = config.prediction_type ?? 'epsilon';
    const alphasCumprod = cumulativeAlphas(makeBetas(config));
    // Close to 0 without being 0, so that the first sigma is finite (fp16's smallest subnormal).
    if (config.rescale_betas_zero_snr) alphasCumprod[alphasCumprod.length - 1] = 2 ** -24;
    this.trainSigmas = trainingSigmas(alphasCumprod);
    this.isContinuous = config.timestep_type === 'continuous' && this.prediction === 'v_prediction';
    // Before setTimesteps, diffusers' state is the whole training schedule.
    this.noiseLevels = [...this.trainSigmas.slice().reverse(), 0];
    this.schedule = this.timestepsFor(Array.from({ length: this.trainSteps }, (_, i) => this.trainSteps - 1 - i));
  }

  get timesteps(): readonly number[] {
    return this.schedule;
  }

  get sigmas(): readonly number[] {
    return this.noiseLevels;
  }

  get initNoiseSigma(): number {
    const max = Math.max(...this.noiseLevels);
    // diffusers assumes "leading" schedules stop short of the training sigma_max and adds 1 in quadrature.
    const spacing = this.config.timestep_spacing ?? 'linspace';
    return spacing === 'linspace' || spacing === 'trailing' ? max : vpInitNoiseSigma(max);
  }

  setTimesteps(numInferenceSteps: number): void {
    const n = this.trainSteps;
    assertStepCount(numInferenceSteps, n);
    const spacing = this.config.timestep_spacing ?? 'linspace';
    let timesteps: number[];
    if (spacing === 'linspace') {
      timesteps = linspace(0, n - 1, numInferenceSteps).map(f32).reverse();
    } else if (spacing === 'leading') {
      timesteps = leading(numInferenceSteps, Math.floor(n / numInferenceSteps), this.config.steps_offset ?? 0);
    } else {
      timesteps = arangeDown(n, n / numInferenceSteps).map((t) => roundHalfEven(t) - 1);
    }
    let sigmas = timesteps.map((t) => interpolate(this.trainSigmas, t));
    if (this.config.use_karras_sigmas) {
      sigmas = karrasSigmas(
        this.config.sigma_min ?? sigmas[sigmas.length - 1],
        this.config.sigma_max ?? sigmas[0],
        numInferenceSteps,
      );
      const table = logSigmas(this.trainSigmas);
      timesteps = sigmas.map((sigma) => f32(sigmaToTimestep(sigma, table)));
    }
    const last = this.config.final_sigmas_type === 'sigma_min' ? this.trainSigmas[0] : 0;
    this.noiseLevels = [...sigmas, last].map(f32);
    this.schedule = this.timestepsFor(timesteps);
    this.position.reset();
  }

  /** EDM-style v-prediction models ("continuous") take c_noise = log(sigma) / 4 instead of a timestep. */
  private timestepsFor(discrete: number[]): number[] {
    if (!this.isContinuous) return discrete;
    return this.noiseLevels.slice(0, -1).map((sigma) => f32(0.25 * f32(Math.log(sigma))));
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

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array): StepResult {
    const index = this.position.current(timestep, this.schedule);
    const sigma = this.noiseLevels[index];
    const dt = this.noiseLevels[index + 1] - sigma;
    const vpScale = 1 / (sigma * sigma + 1);
    const predOriginal = new Float32Array(sample.length);
    const prev = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i];
      const out = modelOutput[i];
      let x0: number;
      if (this.prediction === 'epsilon') x0 = x - sigma * out;
      else if (this.prediction === 'v_prediction') x0 = -out * sigma * Math.sqrt(vpScale) + x * vpScale;
      else x0 = out;
      predOriginal[i] = x0;
      prev[i] = x + ((x - x0) / sigma) * dt;
    }
    this.position.advance();
    return { prevSample: prev, predOriginalSample: predOriginal };
  }

  /** img2img in VE space: x0 + sigma * noise, at the begin index when timestepsForStrength set one. */
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    const sigma = this.noiseLevels[this.position.forAddNoise(timestep, this.schedule)];
    return original.map((x, i) => x + sigma * noise[i]);
  }

  snapshot(): SchedulerState {
    return {
      kind: NAME,
      counters: this.position.snapshot(),
      arrays: { timesteps: Float64Array.from(this.schedule), sigmas: Float64Array.from(this.noiseLevels) },
    };
  }

  restore(state: SchedulerState): void {
    const read = readState(state, NAME);
    this.position.restore({ stepIndex: read.counter('stepIndex'), beginIndex: read.counter('beginIndex') });
    this.schedule = read.schedule('timesteps');
    this.noiseLevels = read.schedule('sigmas');
  }
}
