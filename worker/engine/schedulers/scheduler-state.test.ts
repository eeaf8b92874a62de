import { describe, expect, it } from 'vitest';
import { createRng, rngFromState, standardNormal, type Rng } from '../noise';
import { createScheduler, SAMPLER_NAMES } from './create-scheduler';
import type { Scheduler } from './scheduler';
import type { SchedulerConfig } from './scheduler-config';
import { SchedulerStateError } from './scheduler-state';

const sd15: SchedulerConfig = { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', steps_offset: 1 };
const SIZE = 8;

/** A stand-in UNet: an output that depends on the sample and the timestep, like a real one. */
function fakeModel(sample: Float32Array, timestep: number): Float32Array {
  return sample.map((x, i) => Math.sin(x * 1.7 + timestep / 97 + i) * 0.8);
}

type Run = { scheduler: Scheduler; timesteps: readonly number[]; latents: Float32Array; rng: Rng };

function start(sampler: string, strength?: number): Run {
  const scheduler = createScheduler(sampler, sd15);
  const rng = createRng(11);
  const noise = standardNormal(rng, SIZE);
  if (strength !== undefined) {
    const timesteps = scheduler.timestepsForStrength(10, strength);
    const image = Float32Array.from({ length: SIZE }, (_, i) => (i % 3) * 0.4 - 0.4);
    return { scheduler, timesteps, latents: scheduler.addNoise(image, noise, timesteps[0]), rng };
  }
  scheduler.setTimesteps(10);
  return { scheduler, timesteps: scheduler.timesteps, latents: noise.map((x) => x * scheduler.initNoiseSigma), rng };
}

function runSteps(run: Run, from: number, to: number): Float32Array {
  let latents = run.latents;
  for (let i = from; i < to; i++) {
    const t = run.timesteps[i];
    const output = fakeModel(run.scheduler.scaleModelInput(latents, t), t);
    latents = run.scheduler.step(output, t, latents, { drawNoise: (n) => standardNormal(run.rng, n) }).prevSample;
  }
  run.latents = latents;
  return latents;
}

describe.each(SAMPLER_NAMES)('%s snapshot and restore', (sampler) => {
  it.each([undefined, 0.7])('a fresh scheduler restored mid-run finishes it bit for bit (strength %s)', (strength) => {
    const whole = start(sampler, strength);
    const expected = runSteps(whole, 0, whole.timesteps.length);

    const first = start(sampler, strength);
    const k = 3;
    runSteps(first, 0, k);
    const state = first.scheduler.snapshot();
    const at = { latents: first.latents, rng: first.rng.state() };
    // The rest of the first run must not reach into the snapshot.
    expect(Buffer.from(runSteps(first, k, whole.timesteps.length).buffer)).toEqual(Buffer.from(expected.buffer));

    const second = createScheduler(sampler, sd15);
    second.restore(structuredClone(state));
    expect(second.timesteps).toEqual(whole.scheduler.timesteps);
    const resumed: Run = { scheduler: second, timesteps: whole.timesteps, latents: at.latents, rng: rngFromState(at.rng) };
    const finished = runSteps(resumed, k, whole.timesteps.length);
    expect(Buffer.from(finished.buffer)).toEqual(Buffer.from(expected.buffer));
  });

  it("refuses another class's state", () => {
    const other = sampler === 'ddim' ? 'euler' : 'ddim';
    const scheduler = createScheduler(sampler, sd15);
    expect(() => scheduler.restore(createScheduler(other, sd15).snapshot())).toThrow(SchedulerStateError);
  });
});

describe('DPM++ 2M state', () => {
  it('carries the previous data prediction and the lower-order count', () => {
    const run = start('dpmpp_2m');
    runSteps(run, 0, 2);
    const state = run.scheduler.snapshot();
    expect(state.counters).toMatchObject({ stepIndex: 2, lowerOrderSteps: 2 });
    expect(state.arrays.previousX0).toBeInstanceOf(Float32Array);
    expect(state.arrays.previousX0).toHaveLength(SIZE);
  });
});
