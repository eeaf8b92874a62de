import { describe, expect, it } from 'vitest';
import {
  createDiffusersScheduler,
  createScheduler,
  SAMPLER_NAMES,
  UnknownSamplerError,
  UnknownSchedulerClassError,
} from './create-scheduler';
import { parseSchedulerConfig } from './scheduler-config';

// Stable Diffusion 1.5's scheduler/scheduler_config.json, as the model ships it.
const sd15Pndm = parseSchedulerConfig({
  _class_name: 'PNDMScheduler',
  _diffusers_version: '0.6.0',
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  num_train_timesteps: 1000,
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  trained_betas: null,
  clip_sample: false,
});

describe('createScheduler', () => {
  it('knows the samplers the UI offers', () => {
    expect(SAMPLER_NAMES).toEqual(['ddim', 'euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras', 'lcm']);
  });

  it.each(SAMPLER_NAMES)('builds %s from a model config written for another class', (name) => {
    const scheduler = createScheduler(name, sd15Pndm);
    scheduler.setTimesteps(8);
    expect(scheduler.timesteps).toHaveLength(8);
    expect([...scheduler.timesteps].sort((a, b) => b - a)).toEqual(scheduler.timesteps);
    expect(scheduler.initNoiseSigma).toBeGreaterThan(0);
  });

  it('refuses unknown sampler names and unknown diffusers classes', () => {
    expect(() => createScheduler('plms', sd15Pndm)).toThrow(UnknownSamplerError);
    expect(() => createDiffusersScheduler('PNDMScheduler', sd15Pndm)).toThrow(UnknownSchedulerClassError);
  });

  it("carries the model's training schedule over, under the target class's own defaults", () => {
    // steps_offset carries over; timestep_spacing is absent, so each class uses its default.
    const ddim = createScheduler('ddim', sd15Pndm);
    const euler = createScheduler('euler', sd15Pndm);
    ddim.setTimesteps(10);
    euler.setTimesteps(10);
    expect(ddim.timesteps[0]).toBe(901);
    expect(euler.timesteps[0]).toBe(999);
    const leading = createScheduler('euler', { ...sd15Pndm, timestep_spacing: 'leading' });
    leading.setTimesteps(10);
    expect(leading.timesteps[0]).toBe(901);
  });

  it('drops keys saved as defaults, so the loading class applies its own', () => {
    const saved = parseSchedulerConfig({ ...sd15Pndm, timestep_spacing: 'linspace', _use_default_values: ['timestep_spacing'] });
    const ddim = createScheduler('ddim', saved);
    ddim.setTimesteps(10);
    expect(ddim.timesteps[0]).toBe(901);
  });

  it('ignores keys that belong to other classes', () => {
    const plain = createScheduler('euler_a', sd15Pndm);
    const withKarras = createScheduler('euler_a', { ...sd15Pndm, use_karras_sigmas: true, original_inference_steps: 4 });
    plain.setTimesteps(10);
    withKarras.setTimesteps(10);
    expect(withKarras.timesteps).toEqual(plain.timesteps);
    expect(withKarras.sigmas).toEqual(plain.sigmas);
  });

  it('the Karras variant forces Karras sigmas; both DPM++ 2M names force the 2M solver', () => {
    const dpmConfig = { ...sd15Pndm, use_karras_sigmas: false, algorithm_type: 'sde-dpmsolver++', solver_order: 3 };
    const karras = createScheduler('dpmpp_2m_karras', dpmConfig);
    const plain = createScheduler('dpmpp_2m', dpmConfig);
    karras.setTimesteps(10);
    plain.setTimesteps(10);
    expect(karras.timesteps.at(-1)).toBe(0);
    expect(plain.timesteps).toEqual([999, 899, 799, 699, 599, 500, 400, 300, 200, 100]);
  });
});
