import { f32 } from './float32-math';
import { cumulativeAlphas, makeBetas } from './noise-schedule';
import { requireNoise, type Scheduler, type StepOptions, type StepResult } from './scheduler';
import { UnsupportedSchedulerConfigError, type PredictionType, type SchedulerConfig } from './scheduler-config';
import { interpolate, trainingSigmas, vpInitNoiseSigma } from './sigmas';
import { readState, type SchedulerState } from './scheduler-state';
import { StepIndex } from './step-index';
import { arangeDown, assertStepCount, leading, linspace, roundHalfEven, strengthStartIndex } from './timestep-spacing';

const NAME = 'EulerAncestralDiscreteScheduler';

/**
 * diffusers' EulerAncestralDiscreteScheduler (k-diffusion's sample_euler_ancestral, eta 1): an
 * Euler step down to sigma_down, then fresh noise of std sigma_up, so that the marginal noise
 * level lands on the next sigma. It draws noise on every step, the last one included (where
 * sigma_up is 0), so a seeded noise stream stays aligned with diffusers'.
 */
export class EulerAncestralScheduler implements Scheduler {
  private readonly trainSteps: number;
  private readonly prediction: PredictionType;
  private readonly trainSigmas: Float32Array;
  private readonly position = new StepIndex();
  private schedule: number[];
  private noiseLevels: number[];

  constructor(private readonly config: SchedulerConfig) {
    this.trainSteps = config.num_train_timesteps ?? 1000;
    this.prediction = config.prediction_type ?? 'epsilon';
    if (this.prediction === 'sample') throw new UnsupportedSchedulerConfigError(NAME, 'prediction_type "sample"');
    const alphasCumprod = cumulativeAlphas(makeBetas(config));
    if (config.rescale_betas_zero_snr) alphasCumprod[alphasCumprod.length - 1] = 2 ** -24;
    this.trainSigmas = trainingSigmas(alphasCumprod);
    this.noiseLevels = [...this.trainSigmas.slice().reverse(), 0];
    this.schedule = Array.from({ length: this.trainSteps }, (_, i) => this.trainSteps - 1 - i);
  }

  get timesteps(): readonly number[] {
    return this.schedule;
  }

  get sigmas(): readonly number[] {
    return this.noiseLevels;
  }

  get initNoiseSigma(): number {
    const max = Math.max(...this.noiseLevels);
    const spacing = this.config.timestep_spacing ?? 'linspace';
    return spacing === 'linspace' || spacing === 'trailing' ? max : vpInitNoiseSigma(max);
  }

  setTimesteps(numInferenceSteps: number): void {
    const n = this.trainSteps;
    assertStepCount(numInferenceSteps, n);
    const spacing = this.config.timestep_spacing ?? 'linspace';
    if (spacing === 'linspace') {
      this.schedule = linspace(0, n - 1, numInferenceSteps).map(f32).reverse();
    } else if (spacing === 'leading') {
      this.schedule = leading(numInferenceSteps, Math.floor(n / numInferenceSteps), this.config.steps_offset ?? 0);
    } else {
      this.schedule = arangeDown(n, n / numInferenceSteps).map((t) => roundHalfEven(t) - 1);
    }
    this.noiseLevels = [...this.schedule.map((t) => interpolate(this.trainSigmas, t)), 0].map(f32);
    this.position.reset();
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

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): StepResult {
    const drawNoise = requireNoise(options, NAME);
    const index = this.position.current(timestep, this.schedule);
    const sigma = this.noiseLevels[index];
    const next = this.noiseLevels[index + 1];
    const sigmaUp = Math.sqrt((next * next * (sigma * sigma - next * next)) / (sigma * sigma));
    const sigmaDown = Math.sqrt(Math.max(0, next * next - sigmaUp * sigmaUp));
    const dt = sigmaDown - sigma;
    const vpScale = 1 / (sigma * sigma + 1);
    const noise = drawNoise(sample.length);
    const predOriginal = new Float32Array(sample.length);
    const prev = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i];
      const out = modelOutput[i];
      const x0 = this.prediction === 'epsilon' ? x - sigma * out : -out * sigma * Math.sqrt(vpScale) + x * vpScale;
      predOriginal[i] = x0;
      prev[i] = x + ((x - x0) / sigma) * dt + noise[i] * sigmaUp;
    }
    this.position.advance();
    return { prevSample: prev, predOriginalSample: predOriginal };
  }

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
