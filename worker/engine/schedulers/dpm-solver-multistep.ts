import { f32 } from './float32-math';
import { cumulativeAlphas, makeBetas, NOISE_SCHEDULE_DEFAULTS } from './noise-schedule';
import type { Scheduler, StepResult } from './scheduler';
import { resolveConfig, schedulerDefaults, UnsupportedSchedulerConfigError, type SchedulerConfig } from './scheduler-config';
import { interpolate, karrasSigmas, logSigmas, sigmaToTimestep, trainingSigmasOf } from './sigmas';
import { readState, type SchedulerState } from './scheduler-state';
import { StepIndex } from './step-index';
import { arangeDown, assertStepCount, leading, linspace, roundHalfEven, strengthStartIndex } from './timestep-spacing';

const NAME = 'DPMSolverMultistepScheduler';

/** VE sigma to the VP pair (alpha_t, sigma_t) and the log-SNR half lambda = log(alpha_t / sigma_t). */
function vp(sigma: number) {
  const alpha = 1 / Math.sqrt(sigma * sigma + 1);
  const sigmaT = sigma * alpha;
  // At the final sigma 0, lambda is +inf and the update collapses to the data prediction itself.
  return { alpha, sigma: sigmaT, lambda: Math.log(alpha) - Math.log(sigmaT) };
}

/**
 * diffusers' DPMSolverMultistepScheduler with algorithm_type "dpmsolver++" (Lu et al. 2022):
 * multistep DPM-Solver++ on the data prediction, first or second order ("DPM++ 2M"), with
 * diffusers' step-order rules (first order on the first step and, with final sigma 0, the last).
 */
export class DpmSolverMultistepScheduler implements Scheduler {
  /** DPMSolverMultistepScheduler.__init__'s defaults. */
  static readonly defaults = schedulerDefaults({
    ...NOISE_SCHEDULE_DEFAULTS,
    prediction_type: 'epsilon',
    timestep_spacing: 'linspace',
    steps_offset: 0,
    algorithm_type: 'dpmsolver++',
    solver_order: 2,
    solver_type: 'midpoint',
    lower_order_final: true,
    euler_at_final: false,
    use_karras_sigmas: false,
    use_exponential_sigmas: false,
    use_beta_sigmas: false,
    use_lu_lambdas: false,
    use_flow_sigmas: false,
    final_sigmas_type: 'zero',
    lambda_min_clipped: -Infinity,
    variance_type: null,
    thresholding: false,
  });

  readonly initNoiseSigma = 1;
  private readonly config: typeof DpmSolverMultistepScheduler.defaults;
  private readonly trainSteps: number;
  private readonly order: number;
  private readonly solverType: 'midpoint' | 'heun';
  private readonly alphasCumprod: Float32Array;
  private readonly trainSigmas: Float32Array;
  private readonly position = new StepIndex(true);
  private schedule: number[];
  private noiseLevels: number[];
  private previousX0: Float32Array | null = null;
  private lowerOrderSteps = 0;

  constructor(modelConfig: SchedulerConfig) {
    const config = resolveConfig(DpmSolverMultistepScheduler.defaults, modelConfig);
    this.config = config;
    // diffusers maps "deis" to dpmsolver++ and the UniPC/DEIS solver types to midpoint.
    const algorithm = config.algorithm_type;
    if (algorithm !== 'dpmsolver++' && algorithm !== 'deis') {
      throw new UnsupportedSchedulerConfigError(NAME, `algorithm_type "${algorithm}"`);
    }
    const solverType = config.solver_type;
    if (solverType !== 'heun' && !['midpoint', 'logrho', 'bh1', 'bh2'].includes(solverType)) {
      throw new UnsupportedSchedulerConfigError(NAME, `solver_type "${solverType}"`);
    }
    this.solverType = solverType === 'heun' ? 'heun' : 'midpoint';
    this.order = config.solver_order;
    if (this.order > 2) throw new UnsupportedSchedulerConfigError(NAME, `solver_order ${this.order}`);
    const unsupported = ['thresholding', 'use_lu_lambdas', 'use_exponential_sigmas', 'use_beta_sigmas', 'use_flow_sigmas'] as const;
    for (const key of unsupported) {
      if (config[key]) throw new UnsupportedSchedulerConfigError(NAME, key);
    }
    if (config.variance_type) throw new UnsupportedSchedulerConfigError(NAME, `variance_type "${config.variance_type}"`);
    this.trainSteps = config.num_train_timesteps;
    this.alphasCumprod = cumulativeAlphas(makeBetas(config));
    this.trainSigmas = trainingSigmasOf(this.alphasCumprod, config.rescale_betas_zero_snr);
    this.schedule = Array.from({ length: this.trainSteps }, (_, i) => this.trainSteps - 1 - i);
    this.noiseLevels = [...this.trainSigmas.slice().reverse(), 0];
  }

  get timesteps(): readonly number[] {
    return this.schedule;
  }

  get sigmas(): readonly number[] {
    return this.noiseLevels;
  }

  setTimesteps(numInferenceSteps: number): void {
    const n = this.trainSteps;
    assertStepCount(numInferenceSteps, n);
    const last = n - this.clippedSteps();
    const spacing = this.config.timestep_spacing;
    let timesteps: number[];
    if (spacing === 'linspace') {
      timesteps = linspace(0, last - 1, numInferenceSteps + 1).map(roundHalfEven).reverse().slice(0, -1);
    } else if (spacing === 'leading') {
      const ratio = Math.floor(last / (numInferenceSteps + 1));
      timesteps = leading(numInferenceSteps + 1, ratio, this.config.steps_offset).slice(0, -1);
    } else {
      timesteps = arangeDown(last, n / numInferenceSteps).map((t) => roundHalfEven(t) - 1);
    }
    let sigmas: number[];
    if (this.config.use_karras_sigmas) {
      // Unlike Euler, DPM-Solver spans the whole training range, from sigma(0) to sigma(n - 1).
      sigmas = karrasSigmas(this.trainSigmas[0], this.trainSigmas[n - 1], numInferenceSteps);
      const table = logSigmas(this.trainSigmas);
      // Cosine schedules keep fractional timesteps, which the int64 cast then truncates.
      const toInteger = this.config.beta_schedule === 'squaredcos_cap_v2' ? Math.trunc : roundHalfEven;
      timesteps = sigmas.map((sigma) => toInteger(sigmaToTimestep(sigma, table)));
    } else {
      sigmas = timesteps.map((t) => interpolate(this.trainSigmas, t));
    }
    const finalSigma = this.config.final_sigmas_type === 'sigma_min' ? this.trainSigmas[0] : 0;
    this.schedule = timesteps;
    this.noiseLevels = [...sigmas, finalSigma].map(f32);
    this.previousX0 = null;
    this.lowerOrderSteps = 0;
    this.position.reset();
  }

  timestepsForStrength(numInferenceSteps: number, strength: number): readonly number[] {
    this.setTimesteps(numInferenceSteps);
    const start = strengthStartIndex(numInferenceSteps, strength);
    this.position.setBegin(start);
    return this.schedule.slice(start);
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array): StepResult {
    const index = this.position.current(timestep, this.schedule);
    const count = this.schedule.length;
    const lowerOrderFinal =
      index === count - 1 &&
      (this.config.euler_at_final || (this.config.lower_order_final && count < 15) || this.config.final_sigmas_type === 'zero');
    const s0 = vp(this.noiseLevels[index]);
    const t = vp(this.noiseLevels[index + 1]);
    const x0 = this.dataPrediction(modelOutput, sample, s0);
    const h = t.lambda - s0.lambda;
    const ratio = t.sigma / s0.sigma;
    const c0 = -t.alpha * (Math.exp(-h) - 1);
    const prev = new Float32Array(sample.length);
    if (this.order === 1 || this.lowerOrderSteps < 1 || lowerOrderFinal || !this.previousX0) {
      for (let i = 0; i < prev.length; i++) prev[i] = ratio * sample[i] + c0 * x0[i];
    } else {
      const s1 = vp(this.noiseLevels[index - 1]);
      const r0 = (s0.lambda - s1.lambda) / h;
      // midpoint: -0.5 * alpha_t (e^-h - 1) D1; heun: alpha_t ((e^-h - 1) / h + 1) D1.
      const c1 = (this.solverType === 'midpoint' ? 0.5 * c0 : t.alpha * ((Math.exp(-h) - 1) / h + 1)) / r0;
      const m1 = this.previousX0;
      for (let i = 0; i < prev.length; i++) prev[i] = ratio * sample[i] + c0 * x0[i] + c1 * (x0[i] - m1[i]);
    }
    this.previousX0 = x0;
    this.lowerOrderSteps = Math.min(this.lowerOrderSteps + 1, this.order);
    this.position.advance();
    return { prevSample: prev, predOriginalSample: x0 };
  }

  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    const { alpha, sigma } = vp(this.noiseLevels[this.position.forAddNoise(timestep, this.schedule)]);
    return original.map((x, i) => alpha * x + sigma * noise[i]);
  }

  /** Multistep: the previous step's data prediction and the lower-order count are state too. */
  snapshot(): SchedulerState {
    return {
      kind: NAME,
      counters: { ...this.position.snapshot(), lowerOrderSteps: this.lowerOrderSteps },
      arrays: {
        timesteps: Float64Array.from(this.schedule),
        sigmas: Float64Array.from(this.noiseLevels),
        ...(this.previousX0 ? { previousX0: this.previousX0.slice() } : {}),
      },
    };
  }

  restore(state: SchedulerState): void {
    const read = readState(state, NAME);
    this.position.restore({ stepIndex: read.counter('stepIndex'), beginIndex: read.counter('beginIndex') });
    this.lowerOrderSteps = read.counter('lowerOrderSteps') ?? 0;
    this.schedule = read.schedule('timesteps');
    this.noiseLevels = read.schedule('sigmas');
    this.previousX0 = read.tensor('previousX0');
  }

  private dataPrediction(modelOutput: Float32Array, sample: Float32Array, s: ReturnType<typeof vp>): Float32Array {
    const prediction = this.config.prediction_type;
    if (prediction === 'sample') return Float32Array.from(modelOutput);
    if (prediction === 'v_prediction') return sample.map((x, i) => s.alpha * x - s.sigma * modelOutput[i]);
    return sample.map((x, i) => (x - s.sigma * modelOutput[i]) / s.alpha);
  }

  /** lambda_min_clipped: steps at the noisy end whose log-SNR falls below it are never sampled. */
  private clippedSteps(): number {
    const min = this.config.lambda_min_clipped;
    let below = 0;
    for (const a of this.alphasCumprod) if (Math.log(Math.sqrt(a)) - Math.log(Math.sqrt(1 - a)) < min) below++;
    return below;
  }
}
