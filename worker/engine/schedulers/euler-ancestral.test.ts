import { describe, expect, it } from 'vitest';
import { EulerAncestralScheduler } from './euler-ancestral';
import type { SchedulerConfig } from './scheduler-config';

const sd15: SchedulerConfig = {
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  steps_offset: 1,
  timestep_spacing: 'leading',
};
const sample = Float32Array.from([3, -2, 0.5]);
const output = Float32Array.from([0.2, -0.1, 0.05]);

describe('Euler ancestral', () => {
  it('draws one noise tensor per step, the last step included, and needs drawNoise', () => {
    const scheduler = new EulerAncestralScheduler(sd15);
    scheduler.setTimesteps(3);
    expect(() => scheduler.step(output, scheduler.timesteps[0], sample)).toThrow(/drawNoise/);
    const draws: number[] = [];
    let x: Float32Array = sample;
    for (const t of scheduler.timesteps) {
      x = scheduler.step(output, t, x, { drawNoise: (n) => (draws.push(n), new Float32Array(n).fill(1)) }).prevSample;
    }
    expect(draws).toEqual([3, 3, 3]);
  });

  it('adds sigma_up of noise so the marginal lands on the next sigma; none on the last step', () => {
    const run = (fill: number) => {
      const scheduler = new EulerAncestralScheduler(sd15);
      scheduler.setTimesteps(4);
      const sigma = scheduler.sigmas[0];
      const next = scheduler.sigmas[1];
      const first = scheduler.step(output, scheduler.timesteps[0], sample, { drawNoise: (n) => new Float32Array(n).fill(fill) });
      const up = Math.sqrt((next ** 2 * (sigma ** 2 - next ** 2)) / sigma ** 2);
      return { first: first.prevSample, up, scheduler };
    };
    const quiet = run(0);
    const loud = run(1);
    loud.first.forEach((v, i) => expect(v - quiet.first[i]).toBeCloseTo(loud.up, 4));

    const last = quiet.scheduler.timesteps.at(-1)!;
    for (const t of quiet.scheduler.timesteps.slice(1, -1)) {
      quiet.scheduler.step(output, t, sample, { drawNoise: (n) => new Float32Array(n) });
    }
    const final = quiet.scheduler.step(output, last, sample, { drawNoise: (n) => new Float32Array(n).fill(100) });
    final.prevSample.forEach((v, i) => expect(v).toBeCloseTo(final.predOriginalSample![i], 5));
  });

  it('img2img noises at the begin index sigma', () => {
    const scheduler = new EulerAncestralScheduler(sd15);
    const timesteps = scheduler.timestepsForStrength(10, 0.3);
    expect(timesteps).toEqual(scheduler.timesteps.slice(7));
    const noisy = scheduler.addNoise(sample, Float32Array.from([1, 1, 1]), timesteps[0]);
    noisy.forEach((v, i) => expect(v - sample[i]).toBeCloseTo(scheduler.sigmas[7], 6));
  });
});
