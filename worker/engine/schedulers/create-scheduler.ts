import { DdimScheduler } from './ddim';
import type { Scheduler } from './scheduler';
import type { SchedulerConfig } from './scheduler-config';

/** Sampler names a request may ask for; each maps to one scheduler file. */
export const SAMPLER_NAMES = ['ddim'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/**
 * Builds a fresh scheduler from the model's scheduler_config.json, whatever class it was written
 * for: like diffusers' `DDIMScheduler.from_config(pipe.scheduler.config)`, the training schedule
 * (betas, offset, prediction type) carries over and the sampling algorithm is the one asked for.
 */
export function createScheduler(sampler: string, config: SchedulerConfig): Scheduler {
  if (!isSamplerName(sampler)) throw new UnknownSamplerError(sampler);
  switch (sampler) {
    case 'ddim':
      return new DdimScheduler(config);
  }
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
