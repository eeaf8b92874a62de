import { describe, expect, it } from 'vitest';
import { DpmSolverMultistepScheduler } from './dpm-solver-multistep';
import type { SchedulerConfig } from './scheduler-config';

const sd15: SchedulerConfig = { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', steps_offset: 1 };
const sample = Float32Array.from([1.5, -0.5, 0.25]);

/** A model whose data prediction is the same x0 at every step, given as epsilon at the step's sigma. */
function epsilonFor(x0: Float32Array, x: Float32Array, sigma: number): Float32Array {
  const alpha = 1 / Math.sqrt(sigma * sigma + 1);
  return x.map((v, i) => (v - alpha * x0[i]) / (sigma * alpha));
}

describe('DPM-Solver++ multistep', () => {
  it('defaults to "linspace" over the whole training range, numpy-rounded', () => {
    const scheduler = new DpmSolverMultistepScheduler(sd15);
    scheduler.setTimesteps(4);
    expect(scheduler.timesteps).toEqual([999, 749, 500, 250]);
    expect(scheduler.initNoiseSigma).toBe(1);
  });

  it('Karras sigmas run from sigma(999) to sigma(0) at integer timesteps, then 0', () => {
    const scheduler = new DpmSolverMultistepScheduler({ ...sd15, use_karras_sigmas: true });
    scheduler.setTimesteps(8);
    expect(scheduler.timesteps[0]).toBe(999);
    expect(scheduler.timesteps.at(-1)).toBe(0);
    expect(scheduler.timesteps.every(Number.isInteger)).toBe(true);
    expect(scheduler.sigmas).toHaveLength(9);
    expect(scheduler.sigmas.at(-1)).toBe(0);
    expect(scheduler.sigmas.at(-2)).toBeCloseTo(0.02916753, 7);
  });

  it('is exact for a constant data prediction, through first- and second-order steps', () => {
    const scheduler = new DpmSolverMultistepScheduler(sd15);
    scheduler.setTimesteps(6);
    const x0 = Float32Array.from([0.3, -0.7, 1.1]);
    let x = scheduler.addNoise(x0, sample, scheduler.timesteps[0]);
    scheduler.timesteps.forEach((t, i) => {
      const { prevSample, predOriginalSample } = scheduler.step(epsilonFor(x0, x, scheduler.sigmas[i]), t, x);
      predOriginalSample!.forEach((v, k) => expect(v).toBeCloseTo(x0[k], 5));
      x = prevSample;
    });
    x.forEach((v, k) => expect(v).toBeCloseTo(x0[k], 5));
  });

  it('uses the second-order correction between the first and last steps', () => {
    const run = (order: number) => {
      const scheduler = new DpmSolverMultistepScheduler({ ...sd15, solver_order: order });
      scheduler.setTimesteps(5);
      const outputs = [0.1, 0.4, -0.3, 0.2, 0.5].map((v) => Float32Array.from([v, -v, 2 * v]));
      return scheduler.timesteps.map((t, i) => scheduler.step(outputs[i], t, sample).prevSample[0]);
    };
    const first = run(1);
    const second = run(2);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBeCloseTo(first[1], 6);
  });

  it('the final step to sigma 0 returns the data prediction itself', () => {
    const scheduler = new DpmSolverMultistepScheduler(sd15);
    scheduler.setTimesteps(3);
    let result = scheduler.step(Float32Array.from([0.1, 0.2, 0.3]), scheduler.timesteps[0], sample);
    result = scheduler.step(Float32Array.from([0.1, 0.2, 0.3]), scheduler.timesteps[1], result.prevSample);
    result = scheduler.step(Float32Array.from([0.2, 0.1, 0.0]), scheduler.timesteps[2], result.prevSample);
    result.prevSample.forEach((v, i) => expect(v).toBeCloseTo(result.predOriginalSample![i], 6));
  });

  it('img2img noises with the VP pair of the begin sigma and starts the solver there', () => {
    const scheduler = new DpmSolverMultistepScheduler(sd15);
    const timesteps = scheduler.timestepsForStrength(10, 0.45);
    expect(timesteps).toEqual(scheduler.timesteps.slice(6));
    const sigma = scheduler.sigmas[6];
    const alpha = 1 / Math.sqrt(sigma ** 2 + 1);
    const noisy = scheduler.addNoise(sample, Float32Array.from([1, 1, 1]), timesteps[0]);
    noisy.forEach((v, i) => expect(v).toBeCloseTo(alpha * sample[i] + sigma * alpha, 6));
  });

  it('refuses variants it does not implement', () => {
    expect(() => new DpmSolverMultistepScheduler({ ...sd15, algorithm_type: 'sde-dpmsolver++' })).toThrow(/not supported/);
    expect(() => new DpmSolverMultistepScheduler({ ...sd15, solver_order: 3 })).toThrow(/not supported/);
  });
});
