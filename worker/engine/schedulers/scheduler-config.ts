import { z } from 'zod';

/**
 * Keys of diffusers' scheduler_config.json that Kumori's schedulers read. Every key is optional
 * because each diffusers class has its own defaults; the scheduler that reads a key applies them.
 */
export const schedulerConfigSchema = z.object({
  _class_name: z.string().optional(),
  num_train_timesteps: z.number().int().positive().optional(),
  beta_start: z.number().optional(),
  beta_end: z.number().optional(),
  beta_schedule: z.enum(['linear', 'scaled_linear', 'squaredcos_cap_v2']).optional(),
  trained_betas: z.array(z.number()).nullish(),
  prediction_type: z.enum(['epsilon', 'v_prediction', 'sample']).optional(),
  timestep_spacing: z.enum(['leading', 'trailing', 'linspace']).optional(),
  steps_offset: z.number().int().nonnegative().optional(),
  set_alpha_to_one: z.boolean().optional(),
  clip_sample: z.boolean().optional(),
  clip_sample_range: z.number().positive().optional(),
  thresholding: z.boolean().optional(),
  rescale_betas_zero_snr: z.boolean().optional(),
});

export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;
export type PredictionType = NonNullable<SchedulerConfig['prediction_type']>;

export function parseSchedulerConfig(raw: unknown): SchedulerConfig {
  return schedulerConfigSchema.parse(raw);
}
