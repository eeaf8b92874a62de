import { f32 } from './float32-math';
import { NOISE_SCHEDULE_DEFAULTS } from './noise-schedule';
import { requireNoise, type StepOptions, type StepResult } from './scheduler';
import { resolveConfig, schedulerDefaults, UnsupportedSchedulerConfigError, type SchedulerConfig } from './scheduler-config';
import { SigmaScheduler } from './sigma-scheduler';

const NAME = 'EulerAncestralDiscreteScheduler';

/**
 * diffusers' EulerAncestralDiscreteScheduler (k-diffusion's sample_euler_ancestral, eta 1): an
 * Euler step down to sigma_down, then fresh noise of std sigma_up, so that the marginal noise
 * level lands on the next sigma. It draws noise on every step, the last one included (where
 * sigma_up is 0), so a seeded noise stream stays aligned with diffusers'.
 */
export class EulerAncestralScheduler extends SigmaScheduler<typeof EulerAncestralScheduler.defaults> {
  /** EulerAncestralDiscreteScheduler.__init__'s defaults. */
  static readonly defaults = schedulerDefaults({
    ...NOISE_SCHEDULE_DEFAULTS,
    prediction_type: 'epsilon',
    timestep_spacing: 'linspace',
    steps_offset: 0,
  });

  constructor(modelConfig: SchedulerConfig) {
    const config = resolveConfig(EulerAncestralScheduler.defaults, modelConfig);
    if (config.prediction_type === 'sample') throw new UnsupportedSchedulerConfigError(NAME, 'prediction_type "sample"');
    super(NAME, config);
  }

  setTimesteps(numInferenceSteps: number): void {
    const { timesteps, sigmas } = this.spacedSchedule(numInferenceSteps);
    this.schedule = timesteps;
    this.noiseLevels = [...sigmas, 0].map(f32);
    this.position.reset();
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): StepResult {
    const drawNoise = requireNoise(options, NAME);
    const index = this.position.current(timestep, this.schedule);
    const sigma = this.noiseLevels[index];
    const next = this.noiseLevels[index + 1];
    const sigmaUp = Math.sqrt((next * next * (sigma * sigma - next * next)) / (sigma * sigma));
    const sigmaDown = Math.sqrt(Math.max(0, next * next - sigmaUp * sigmaUp));
    const dt = sigmaDown - sigma;
    const noise = drawNoise(sample.length);
    const predOriginal = new Float32Array(sample.length);
    const prev = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i];
      const x0 = this.predictX0(x, modelOutput[i], sigma);
      predOriginal[i] = x0;
      prev[i] = x + ((x - x0) / sigma) * dt + noise[i] * sigmaUp;
    }
    this.position.advance();
    return { prevSample: prev, predOriginalSample: predOriginal };
  }
}
