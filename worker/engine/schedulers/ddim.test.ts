import { describe, expect, it } from 'vitest';
import { DdimScheduler } from './ddim';
import type { SchedulerConfig } from './scheduler-config';

// SD 1.5's schedule; expected values below were computed with numpy / diffusers' formulas.
const sd15: SchedulerConfig = {
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  steps_offset: 1,
  set_alpha_to_one: false,
  clip_sample: false,
};

const timestepsFor = (config: SchedulerConfig, steps: number) => {
  const scheduler = new DdimScheduler(config);
  scheduler.setTimesteps(steps);
  return scheduler.timesteps;
};

describe('DDIM timesteps', () => {
  it('"leading" spacing adds steps_offset', () => {
    expect(timestepsFor(sd15, 7)).toEqual([853, 711, 569, 427, 285, 143, 1]);
  });

  it('"linspace" rounds halves to even like numpy', () => {
    expect(timestepsFor({ ...sd15, timestep_spacing: 'linspace' }, 7)).toEqual([999, 832, 666, 500, 333, 166, 0]);
  });

  it('"trailing" counts down from the last training step', () => {
    expect(timestepsFor({ ...sd15, timestep_spacing: 'trailing' }, 3)).toEqual([999, 666, 332]);
    expect(timestepsFor({ ...sd15, timestep_spacing: 'trailing' }, 7)).toEqual([999, 856, 713, 570, 428, 285, 142]);
  });

  it('rejects step counts outside 1..num_train_timesteps', () => {
    expect(() => timestepsFor(sd15, 0)).toThrow(RangeError);
    expect(() => timestepsFor(sd15, 1001)).toThrow(RangeError);
  });
});

describe('DDIM step', () => {
  const sample = Float32Array.from([0.5, -1.25, 2]);
  const noise = Float32Array.from([0.1, -0.3, 0.7]);

  it('recovers x0 exactly from the true noise at any timestep', () => {
    const scheduler = new DdimScheduler(sd15);
    scheduler.setTimesteps(10);
    const noisy = scheduler.addNoise(sample, noise, 601);
    const { predOriginalSample } = scheduler.step(noise, 601, noisy);
    predOriginalSample!.forEach((v, i) => expect(v).toBeCloseTo(sample[i], 5));
  });

  it('with set_alpha_to_one, the last step returns the clean prediction itself', () => {
    const scheduler = new DdimScheduler({ ...sd15, set_alpha_to_one: true });
    scheduler.setTimesteps(10);
    const noisy = scheduler.addNoise(sample, noise, 1);
    const { prevSample, predOriginalSample } = scheduler.step(noise, 1, noisy);
    expect(Array.from(prevSample)).toEqual(Array.from(predOriginalSample!));
  });

  it('clips the clean prediction when clip_sample is on (the diffusers default)', () => {
    const scheduler = new DdimScheduler({ ...sd15, clip_sample: undefined, clip_sample_range: 1.5 });
    scheduler.setTimesteps(10);
    const { predOriginalSample } = scheduler.step(new Float32Array(3), 1, Float32Array.from([10, -10, 0]));
    expect(Array.from(predOriginalSample!)).toEqual([1.5, -1.5, 0]);
  });

  it('draws noise only when eta > 0', () => {
    const stochastic = new DdimScheduler(sd15, { eta: 1 });
    stochastic.setTimesteps(10);
    expect(() => stochastic.step(noise, 501, sample)).toThrow(/drawNoise/);
    let drawn = 0;
    const deterministic = new DdimScheduler(sd15);
    deterministic.setTimesteps(10);
    deterministic.step(noise, 501, sample, { drawNoise: (n) => ((drawn += n), new Float32Array(n)) });
    expect(drawn).toBe(0);
  });
});

describe('DDIM img2img', () => {
  it('runs the last floor(steps * strength) timesteps from a DDPM-noised image', () => {
    const scheduler = new DdimScheduler(sd15);
    const timesteps = scheduler.timestepsForStrength(10, 0.75);
    expect(timesteps).toEqual([601, 501, 401, 301, 201, 101, 1]);
    expect(scheduler.timesteps).toHaveLength(10);
    const x0 = Float32Array.from([0.5, -1]);
    const noise = Float32Array.from([1, 1]);
    const noisy = scheduler.addNoise(x0, noise, timesteps[0]);
    const { predOriginalSample } = scheduler.step(noise, timesteps[0], noisy);
    predOriginalSample!.forEach((v, i) => expect(v).toBeCloseTo(x0[i], 5));
  });

  it('refuses a strength that leaves no step', () => {
    const scheduler = new DdimScheduler(sd15);
    expect(() => scheduler.timestepsForStrength(10, 0.05)).toThrow(RangeError);
    expect(() => scheduler.timestepsForStrength(10, 1.5)).toThrow(RangeError);
  });
});
