import { SAMPLERS, type Sampler } from '../../../domain/samplers';
import { DdimScheduler } from './ddim';
import { DpmSolverMultistepScheduler } from './dpm-solver-multistep';
import { EulerScheduler } from './euler';
import { EulerAncestralScheduler } from './euler-ancestral';
import { LcmScheduler } from './lcm';
import type { Scheduler } from './scheduler';
import type { SchedulerConfig } from './scheduler-config';

/** The diffusers classes ported here, by their `_class_name`. */
const DIFFUSERS_CLASSES = {
  DDIMScheduler: (config: SchedulerConfig, options: DiffusersStepOptions) => new DdimScheduler(config, options),
  EulerDiscreteScheduler: (config: SchedulerConfig) => new EulerScheduler(config),
  EulerAncestralDiscreteScheduler: (config: SchedulerConfig) => new EulerAncestralScheduler(config),
  DPMSolverMultistepScheduler: (config: SchedulerConfig) => new DpmSolverMultistepScheduler(config),
  LCMScheduler: (config: SchedulerConfig) => new LcmScheduler(config),
} satisfies Record<string, (config: SchedulerConfig, options: DiffusersStepOptions) => Scheduler>;

export type DiffusersClassName = keyof typeof DIFFUSERS_CLASSES;

/** Extra arguments diffusers passes to step() that change the trajectory. */
export interface DiffusersStepOptions {
  /** DDIM only. */
  eta?: number;
}

/** Sampler names a request may ask for: the one list in domain/. */
export const SAMPLER_NAMES = SAMPLERS;
export type SamplerName = Sampler;

/**
 * What each sampler name means: a diffusers class built from the model's config,
 * plus the settings its name promises. Like `DPMSolverMultistepScheduler.from_config(config,
 * use_karras_sigmas=True)`, those override the model's config; everything else carries over.
 */
const SAMPLER_CLASSES = {
  ddim: { className: 'DDIMScheduler', overrides: {} },
  euler: { className: 'EulerDiscreteScheduler', overrides: {} },
  euler_a: { className: 'EulerAncestralDiscreteScheduler', overrides: {} },
  dpmpp_2m: { className: 'DPMSolverMultistepScheduler', overrides: { algorithm_type: 'dpmsolver++', solver_order: 2 } },
  dpmpp_2m_karras: {
    className: 'DPMSolverMultistepScheduler',
    overrides: { algorithm_type: 'dpmsolver++', solver_order: 2, use_karras_sigmas: true },
  },
  lcm: { className: 'LCMScheduler', overrides: {} },
} satisfies Record<SamplerName, { className: DiffusersClassName; overrides: SchedulerConfig }>;

/**
 * Builds a fresh scheduler from the model's scheduler_config.json, whatever class it was written
 * for: like diffusers' `EulerDiscreteScheduler.from_config(pipe.scheduler.config)`, the training
 * schedule (betas, offset, spacing, prediction type) carries over and the sampling algorithm is
 * the one asked for. Keys the target class does not have are ignored.
 */
export function createScheduler(sampler: string, config: SchedulerConfig): Scheduler {
  if (!isSamplerName(sampler)) throw new UnknownSamplerError(sampler);
  const { className, overrides } = SAMPLER_CLASSES[sampler];
  return DIFFUSERS_CLASSES[className]({ ...config, ...overrides }, {});
}

/** The scheduler diffusers' `<className>(**config)` would be; throws UnknownSchedulerClassError. */
export function createDiffusersScheduler(
  className: string,
  config: SchedulerConfig,
  options: DiffusersStepOptions = {},
): Scheduler {
  if (!Object.hasOwn(DIFFUSERS_CLASSES, className)) throw new UnknownSchedulerClassError(className);
  return DIFFUSERS_CLASSES[className as DiffusersClassName](config, options);
}

export function isSamplerName(name: string): name is SamplerName {
  return (SAMPLER_NAMES as readonly string[]).includes(name);
}

export class UnknownSamplerError extends Error {
  constructor(readonly sampler: string) {
    super(`unknown sampler "${sampler}"; this worker knows ${SAMPLER_NAMES.join(', ')}`);
    this.name = 'UnknownSamplerError';
  }
}

export class UnknownSchedulerClassError extends Error {
  constructor(readonly className: string) {
    super(`no port of diffusers' ${className}; known: ${Object.keys(DIFFUSERS_CLASSES).join(', ')}`);
    this.name = 'UnknownSchedulerClassError';
  }
}
