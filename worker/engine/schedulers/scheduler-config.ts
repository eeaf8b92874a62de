import { z } from 'zod';

const flag = z.boolean().nullish();

/**
 * Keys of diffusers' scheduler_config.json that Kumori's schedulers read. Every key is optional
 * because each diffusers class has its own defaults; the scheduler that reads a key applies them,
 * and each reads only the keys its diffusers class has, so keys written for another class are
 * ignored as diffusers' from_config ignores them. Unknown keys are dropped.
 */
export const schedulerConfigSchema = z.object({
  _class_name: z.string().optional(),
  num_train_timesteps: z.number().int().positive().nullish(),
  beta_start: z.number().nullish(),
  beta_end: z.number().nullish(),
  beta_schedule: z.enum(['linear', 'scaled_linear', 'squaredcos_cap_v2']).nullish(),
  trained_betas: z.array(z.number()).nullish(),
  prediction_type: z.enum(['epsilon', 'v_prediction', 'sample']).nullish(),
  timestep_spacing: z.enum(['leading', 'trailing', 'linspace']).nullish(),
  steps_offset: z.number().int().nonnegative().nullish(),
  rescale_betas_zero_snr: flag,
  // DDIM and LCM
  set_alpha_to_one: flag,
  clip_sample: flag,
  clip_sample_range: z.number().positive().nullish(),
  thresholding: flag,
  // Euler
  interpolation_type: z.enum(['linear', 'log_linear']).nullish(),
  use_karras_sigmas: flag,
  use_exponential_sigmas: flag,
  use_beta_sigmas: flag,
  sigma_min: z.number().positive().nullish(),
  sigma_max: z.number().positive().nullish(),
  timestep_type: z.enum(['discrete', 'continuous']).nullish(),
  final_sigmas_type: z.enum(['zero', 'sigma_min']).nullish(),
  // DPM-Solver
  algorithm_type: z.string().nullish(),
  solver_order: z.number().int().positive().nullish(),
  solver_type: z.string().nullish(),
  lower_order_final: flag,
  euler_at_final: flag,
  use_lu_lambdas: flag,
  use_flow_sigmas: flag,
  lambda_min_clipped: z.number().nullish(),
  variance_type: z.string().nullish(),
  // LCM
  original_inference_steps: z.number().int().positive().nullish(),
  timestep_scaling: z.number().nullish(),
});

export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;
export type PredictionType = NonNullable<SchedulerConfig['prediction_type']>;

/**
 * Parses a scheduler_config.json. Keys listed in `_use_default_values` were defaults when the
 * file was saved, and diffusers drops them on load so the loading class's own defaults apply.
 */
export function parseSchedulerConfig(raw: unknown): SchedulerConfig {
  if (raw && typeof raw === 'object' && Array.isArray((raw as Record<string, unknown>)._use_default_values)) {
    const defaults = new Set((raw as { _use_default_values: unknown[] })._use_default_values);
    raw = Object.fromEntries(Object.entries(raw).filter(([key]) => !defaults.has(key)));
  }
  return schedulerConfigSchema.parse(raw);
}

/** Thrown for a configuration diffusers accepts but Kumori's port does not implement. */
export class UnsupportedSchedulerConfigError extends Error {
  constructor(scheduler: string, what: string) {
    super(`${scheduler}: ${what} is not supported`);
    this.name = 'UnsupportedSchedulerConfigError';
  }
}
