import { f32 } from './float32-math';
import { NOISE_SCHEDULE_DEFAULTS } from './noise-schedule';
import type { StepResult } from './scheduler';
import { resolveConfig, schedulerDefaults, UnsupportedSchedulerConfigError, type SchedulerConfig } from './scheduler-config';
import { karrasSigmas, logSigmas, sigmaToTimestep } from './sigmas';
import { SigmaScheduler } from './sigma-scheduler';

const NAME = 'EulerDiscreteScheduler';

/**
 * diffusers' EulerDiscreteScheduler: Karras et al. (2022) algorithm 2 without churn, the sampler
 * SD-Turbo ships with. Sigmas are VE noise levels; the UNet sees the VP input x / sqrt(sigma²+1).
 */
export class EulerScheduler extends SigmaScheduler<typeof EulerScheduler.defaults> {
  /** EulerDiscreteScheduler.__init__'s defaults. */
  static readonly defaults = schedulerDefaults({
    ...NOISE_SCHEDULE_DEFAULTS,
    prediction_type: 'epsilon',
    timestep_spacing: 'linspace',
    steps_offset: 0,
    interpolation_type: 'linear',
    use_karras_sigmas: false,
    use_exponential_sigmas: false,
    use_beta_sigmas: false,
    /** Karras sigmas' range; null (diffusers' None) takes the schedule's own ends. */
    sigma_min: null,
    sigma_max: null,
    timestep_type: 'discrete',
    final_sigmas_type: 'zero',
  });

  private readonly isContinuous: boolean;

  constructor(modelConfig: SchedulerConfig) {
    const config = resolveConfig(EulerScheduler.defaults, modelConfig);
    for (const key of ['use_exponential_sigmas', 'use_beta_sigmas'] as const) {
      if (config[key]) throw new UnsupportedSchedulerConfigError(NAME, key);
    }
    if (config.interpolation_type !== 'linear') {
      throw new UnsupportedSchedulerConfigError(NAME, `interpolation_type "${config.interpolation_type}"`);
    }
    super(NAME, config);
    this.isContinuous = config.timestep_type === 'continuous' && config.prediction_type === 'v_prediction';
    this.schedule = this.timestepsFor(this.schedule);
  }

  setTimesteps(numInferenceSteps: number): void {
    let { timesteps, sigmas } = this.spacedSchedule(numInferenceSteps);
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

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array): StepResult {
    const index = this.position.current(timestep, this.schedule);
    const sigma = this.noiseLevels[index];
    const dt = this.noiseLevels[index + 1] - sigma;
    const predOriginal = new Float32Array(sample.length);
    const prev = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i];
      const x0 = this.predictX0(x, modelOutput[i], sigma);
      predOriginal[i] = x0;
      prev[i] = x + ((x - x0) / sigma) * dt;
    }
    this.position.advance();
    return { prevSample: prev, predOriginalSample: predOriginal };
  }
}
