import { z } from 'zod';

const flag = z.boolean().nullish();

/**
 * Keys of diffusers' scheduler_config.json that Kumori's schedulers read. Every key is optional:
 * each scheduler class declares its diffusers class's defaults once (its static `defaults`) and
 * resolveConfig lays the model's values over them. Unknown keys are dropped.
 */
export const schedulerConfigSchema = z.object({
  _class_name: z.string().optional(),
  num_train_timesteps: z.number().int().positive().nullish(),
  beta_start: z.number().nullish(),
  beta_end: z.number().nullish(),
  /** "scaled_linear" is linear in sqrt(beta), SD's; "squaredcos_cap_v2" is the cosine schedule. */
  beta_schedule: z.enum(['linear', 'scaled_linear', 'squaredcos_cap_v2']).nullish(),
  /** Betas given outright, overriding beta_start, beta_end and beta_schedule. */
  trained_betas: z.array(z.number()).nullish(),
  /** What the UNet predicts: the noise, v (Salimans & Ho 2022) or x0 itself. */
  prediction_type: z.enum(['epsilon', 'v_prediction', 'sample']).nullish(),
  /** How sampling timesteps spread over training ones (Lin et al. 2023, table 2). */
  timestep_spacing: z.enum(['leading', 'trailing', 'linspace']).nullish(),
  /** Added to "leading" timesteps; SD uses 1, so its last step is t=1. */
  steps_offset: z.number().int().nonnegative().nullish(),
  /** Rescale the betas to zero terminal SNR (Lin et al. 2023). */
  rescale_betas_zero_snr: flag,
  // DDIM and LCM
  /** Whether the step past t=0 uses ᾱ = 1 rather than alphas_cumprod[0]. */
  set_alpha_to_one: flag,
  /** Clip the predicted x0 to ±clip_sample_range. */
  clip_sample: flag,
  clip_sample_range: z.number().positive().nullish(),
  /** Imagen's dynamic thresholding; not ported. */
  thresholding: flag,
  // Euler
  interpolation_type: z.enum(['linear', 'log_linear']).nullish(),
  use_karras_sigmas: flag,
  use_exponential_sigmas: flag,
  use_beta_sigmas: flag,
  sigma_min: z.number().positive().nullish(),
  sigma_max: z.number().positive().nullish(),
  /** "continuous": EDM-style models take log(sigma) / 4 instead of a timestep. */
  timestep_type: z.enum(['discrete', 'continuous']).nullish(),
  /** The noise level after the last step: 0, or the training schedule's smallest sigma. */
  final_sigmas_type: z.enum(['zero', 'sigma_min']).nullish(),
  // DPM-Solver
  algorithm_type: z.string().nullish(),
  solver_order: z.number().int().positive().nullish(),
  solver_type: z.string().nullish(),
  /** Use first order on the last step of short schedules, which steadies them. */
  lower_order_final: flag,
  euler_at_final: flag,
  use_lu_lambdas: flag,
  use_flow_sigmas: flag,
  /** Never sample timesteps whose log-SNR is below this (for cosine schedules). */
  lambda_min_clipped: z.number().nullish(),
  variance_type: z.string().nullish(),
  // LCM
  /** Length of the timestep grid the model was distilled on. */
  original_inference_steps: z.number().int().positive().nullish(),
  /** Multiplies the timestep in the consistency boundary conditions c_skip and c_out. */
  timestep_scaling: z.number().nullish(),
});

export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;

type Option<K> = K extends keyof SchedulerConfig ? NonNullable<SchedulerConfig[K]> : never;

/** Resolved values of the keys K: all present, none null. */
export type ConfigOf<K extends keyof SchedulerConfig> = { readonly [P in K]: Option<P> };

/** A class's resolved config: null only where the diffusers default is None. */
export type ResolvedConfig<D> = { readonly [K in keyof D]: null extends D[K] ? Option<K> | null : Option<K> };

/**
 * A scheduler class's defaults: the keyword defaults of its diffusers __init__. The keys listed
 * are the only ones the class reads, so keys written for another class are ignored, as
 * diffusers' from_config ignores them.
 */
export function schedulerDefaults<const D extends { [K in keyof D]: Option<K> | null }>(defaults: D): ResolvedConfig<D> {
  return defaults as ResolvedConfig<D>;
}

/** The model's config laid over a class's defaults; a null value (saved configs write None that way) counts as absent. */
export function resolveConfig<C extends object>(defaults: C, config: SchedulerConfig): C {
  const entries = Object.entries(defaults).map(([key, value]) => [key, config[key as keyof SchedulerConfig] ?? value]);
  return Object.fromEntries(entries) as C;
}

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
