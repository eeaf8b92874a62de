import { describe, expect, it } from 'vitest';
import { EulerScheduler } from './euler';
import type { SchedulerConfig } from './scheduler-config';

const sd15: SchedulerConfig = {
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  steps_offset: 1,
  timestep_spacing: 'leading',
};
const turbo: SchedulerConfig = { ...sd15, timestep_spacing: 'trailing' };

const x0 = Float32Array.from([0.5, -1.25, 2, 0]);
const noise = Float32Array.from([0.1, -0.3, 0.7, 1.5]);

/** The UNet that knows x0: the epsilon that explains the current sample at the current sigma. */
function oracle(sample: Float32Array, sigma: number): Float32Array {
  return sample.map((x, i) => (x - x0[i]) / sigma);
}

describe('Euler', () => {
  it('SD-Turbo in one step: starts at sigma_max and lands on x0 with a perfect model', () => {
    const scheduler = new EulerScheduler(turbo);
    scheduler.setTimesteps(1);
    expect(scheduler.timesteps).toEqual([999]);
    expect(scheduler.initNoiseSigma).toBe(scheduler.sigmas[0]);
    const start = x0.map((x, i) => x + scheduler.initNoiseSigma * noise[i]);
    const { prevSample, predOriginalSample } = scheduler.step(oracle(start, scheduler.sigmas[0]), 999, start);
    prevSample.forEach((v, i) => expect(v).toBeCloseTo(x0[i], 5));
    expect(Array.from(predOriginalSample!)).toEqual(Array.from(prevSample));
  });

  it('"linspace" spacing keeps fractional float32 timesteps and no extra unit of initial noise', () => {
    const scheduler = new EulerScheduler({ ...sd15, timestep_spacing: 'linspace' });
    scheduler.setTimesteps(3);
    expect(scheduler.timesteps).toEqual([999, 499.5, 0]);
    expect(scheduler.initNoiseSigma).toBe(scheduler.sigmas[0]);
  });

  it('"leading" spacing adds 1 to sigma_max in quadrature for the initial noise', () => {
    const scheduler = new EulerScheduler(sd15);
    scheduler.setTimesteps(20);
    expect(scheduler.timesteps[0]).toBe(951);
    expect(scheduler.initNoiseSigma).toBeCloseTo(Math.sqrt(scheduler.sigmas[0] ** 2 + 1), 5);
  });

  it('final_sigmas_type "sigma_min" stops at sigma(0) instead of 0', () => {
    const zero = new EulerScheduler(sd15);
    const min = new EulerScheduler({ ...sd15, final_sigmas_type: 'sigma_min' });
    zero.setTimesteps(10);
    min.setTimesteps(10);
    expect(zero.sigmas.at(-1)).toBe(0);
    expect(min.sigmas.at(-1)).toBeCloseTo(0.02916753, 7);
  });

  it('Karras sigmas span the spaced schedule, evenly in sigma^(1/7), at fractional timesteps', () => {
    const plain = new EulerScheduler(sd15);
    const karras = new EulerScheduler({ ...sd15, use_karras_sigmas: true });
    plain.setTimesteps(10);
    karras.setTimesteps(10);
    expect(karras.sigmas[0]).toBe(plain.sigmas[0]);
    expect(karras.sigmas[9]).toBeCloseTo(plain.sigmas[9], 6);
    const roots = karras.sigmas.slice(0, 10).map((s) => s ** (1 / 7));
    for (let i = 1; i < 9; i++) expect(roots[i + 1] - roots[i]).toBeCloseTo(roots[i] - roots[i - 1], 5);
    expect(karras.timesteps[0]).toBeCloseTo(901, 3);
    expect(karras.timesteps.some((t) => !Number.isInteger(t))).toBe(true);
  });

  it('continuous timesteps (EDM v-prediction) are log(sigma) / 4', () => {
    const scheduler = new EulerScheduler({ ...turbo, prediction_type: 'v_prediction', timestep_type: 'continuous' });
    scheduler.setTimesteps(4);
    scheduler.timesteps.forEach((t, i) => expect(t).toBeCloseTo(Math.log(scheduler.sigmas[i]) / 4, 6));
  });

  it('img2img: starts at the strength begin index, noises there and still lands on x0', () => {
    const scheduler = new EulerScheduler(sd15);
    const timesteps = scheduler.timestepsForStrength(20, 0.5);
    expect(timesteps).toEqual(scheduler.timesteps.slice(10));
    const sigma = scheduler.sigmas[10];
    let sample = scheduler.addNoise(x0, noise, timesteps[0]);
    sample.forEach((v, i) => expect(v).toBeCloseTo(x0[i] + sigma * noise[i], 6));
    for (const [i, t] of timesteps.entries()) {
      scheduler.scaleModelInput(sample, t);
      sample = scheduler.step(oracle(sample, scheduler.sigmas[10 + i]), t, sample).prevSample;
    }
    sample.forEach((v, i) => expect(v).toBeCloseTo(x0[i], 5));
  });

  it('refuses sigma schedules it does not implement', () => {
    expect(() => new EulerScheduler({ ...sd15, interpolation_type: 'log_linear' })).toThrow(/not supported/);
    expect(() => new EulerScheduler({ ...sd15, use_beta_sigmas: true })).toThrow(/not supported/);
  });
});
