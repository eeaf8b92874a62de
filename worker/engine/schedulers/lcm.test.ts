import { describe, expect, it } from 'vitest';
import { DdimScheduler } from './ddim';
import { LcmScheduler } from './lcm';
import type { SchedulerConfig } from './scheduler-config';

const lcmSd15: SchedulerConfig = {
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  steps_offset: 1,
  set_alpha_to_one: false,
  original_inference_steps: 50,
};
const sample = Float32Array.from([0.4, -1, 2]);
const output = Float32Array.from([0.1, 0.2, -0.3]);

const timestepsFor = (steps: number, config: SchedulerConfig = lcmSd15) => {
  const scheduler = new LcmScheduler(config);
  scheduler.setTimesteps(steps);
  return scheduler.timesteps;
};

describe('LCM', () => {
  it('picks evenly spaced timesteps from the 50-step distillation grid', () => {
    expect(timestepsFor(1)).toEqual([999]);
    expect(timestepsFor(4)).toEqual([999, 759, 499, 259]);
    expect(timestepsFor(6)).toEqual([999, 839, 679, 499, 339, 179]);
    expect(timestepsFor(2, { ...lcmSd15, original_inference_steps: 100 })).toEqual([999, 499]);
  });

  it('ignores timestep_spacing and steps_offset, as diffusers does', () => {
    expect(timestepsFor(4, { ...lcmSd15, timestep_spacing: 'trailing', steps_offset: 0 })).toEqual([999, 759, 499, 259]);
  });

  it('refuses more steps than the distillation grid has', () => {
    expect(() => timestepsFor(51)).toThrow(RangeError);
  });

  it('re-noises between steps and returns the denoised estimate itself on the last, drawing nothing', () => {
    const scheduler = new LcmScheduler(lcmSd15);
    scheduler.setTimesteps(2);
    const [first, last] = scheduler.timesteps;
    expect(() => scheduler.step(output, first, sample)).toThrow(/drawNoise/);

    const fresh = new LcmScheduler(lcmSd15);
    fresh.setTimesteps(2);
    let draws = 0;
    const drawNoise = (n: number) => ((draws += 1), new Float32Array(n).fill(1));
    const a = fresh.step(output, first, sample, { drawNoise });
    expect(draws).toBe(1);
    expect(a.prevSample).not.toEqual(a.denoised);
    const b = fresh.step(output, last, a.prevSample, { drawNoise });
    expect(draws).toBe(1);
    expect(b.prevSample).toBe(b.denoised);
    expect(b.predOriginalSample).toBe(b.denoised);
  });

  it('one step draws no noise at all', () => {
    const scheduler = new LcmScheduler(lcmSd15);
    scheduler.setTimesteps(1);
    const { prevSample, denoised } = scheduler.step(output, 999, sample);
    expect(prevSample).toBe(denoised);
  });

  it('img2img shortens the grid by strength and noises with the DDPM forward process', () => {
    const scheduler = new LcmScheduler(lcmSd15);
    expect(scheduler.timestepsForStrength(4, 0.5)).toEqual([499, 379, 259, 139]);
    const noise = Float32Array.from([1, -1, 0.5]);
    expect(scheduler.addNoise(sample, noise, 499)).toEqual(new DdimScheduler(lcmSd15).addNoise(sample, noise, 499));
  });
});
