import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDiffusersScheduler, type DiffusersStepOptions } from './create-scheduler';
import { parseSchedulerConfig } from './scheduler-config';

// Reference trajectories from diffusers (see the folder's README.md); never copied into the repo.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const goldenDir = process.env.SCHEDULER_GOLDEN_DIR ?? path.resolve(repoRoot, '../shared/golden/schedulers');

interface GoldenStep {
  t: number;
  scaled_model_input: number[];
  model_output: number[];
  noise: number[][] | null;
  prev_sample: number[];
  denoised?: number[];
}

interface GoldenCase {
  scheduler: string;
  config: unknown;
  num_inference_steps: number;
  step_kwargs?: Record<string, unknown>;
  init_noise_sigma: number;
  timesteps: number[];
  sigmas: number[] | null;
  initial_sample: number[];
  steps: GoldenStep[];
}

const files = fs.existsSync(goldenDir) ? fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort() : [];

/**
 * Relative error 1e-4, measured against max(|expected|, 1e-3 * rms(expected)). Both sides are
 * float32 computed in different orders (diffusers in float32 throughout, Kumori in float64 on
 * float32 inputs), so they differ by float32 rounding of the intermediate terms, which is
 * ~1e-7 of the tensor's scale, not of each element: an element near 0 that is the difference of
 * two large terms carries an absolute error set by those terms. The rms floor covers exactly
 * that (1e-7 * rms, about 1 ulp at the tensor's scale) and nothing more; everything else is
 * held to 1e-4 of its own size. The worst case observed is 1.6e-5 (Euler ancestral).
 */
const RELATIVE = 1e-4;
const FLOOR_OF_RMS = 1e-3;

function expectClose(actual: ArrayLike<number> | undefined, expected: number[], what: string): void {
  expect(actual, `${what}: missing`).toBeDefined();
  expect(actual!.length, `${what}: length`).toBe(expected.length);
  const rms = Math.sqrt(expected.reduce((sum, v) => sum + v * v, 0) / expected.length);
  const floor = FLOOR_OF_RMS * rms;
  let worst = { index: -1, ratio: 0 };
  for (let i = 0; i < expected.length; i++) {
    const ratio = Math.abs(actual![i] - expected[i]) / (RELATIVE * Math.max(Math.abs(expected[i]), floor));
    if (!(ratio <= Math.max(1, worst.ratio))) worst = { index: i, ratio };
  }
  if (worst.index >= 0) {
    const i = worst.index;
    expect.fail(`${what}[${i}]: got ${actual![i]}, expected ${expected[i]} (${worst.ratio.toFixed(1)}x the tolerance)`);
  }
}

/** step() arguments from the reference run that Kumori takes as scheduler options; anything else fails. */
function stepOptionsFor(golden: GoldenCase): DiffusersStepOptions {
  const { eta, ...rest } = golden.step_kwargs ?? {};
  expect(Object.keys(rest), `step_kwargs this port cannot replay`).toEqual([]);
  if (eta !== undefined && golden.scheduler !== 'DDIMScheduler') expect.fail(`eta given to ${golden.scheduler}`);
  return eta === undefined ? {} : { eta: eta as number };
}

describe('schedulers match diffusers on the golden trajectories', () => {
  it(`finds golden cases in ${goldenDir}`, () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`reproduces ${file}`, () => {
      const golden = JSON.parse(fs.readFileSync(path.join(goldenDir, file), 'utf8')) as GoldenCase;
      const scheduler = createDiffusersScheduler(golden.scheduler, parseSchedulerConfig(golden.config), stepOptionsFor(golden));
      scheduler.setTimesteps(golden.num_inference_steps);
      expect(scheduler.timesteps).toEqual(golden.timesteps);
      // Both are float32 values; golden files print them with enough digits to round-trip.
      expect(scheduler.initNoiseSigma).toBe(Math.fround(golden.init_noise_sigma));
      if (golden.sigmas === null) {
        expect(scheduler.sigmas).toBeNull();
      } else {
        expect(scheduler.sigmas).toEqual(golden.sigmas.map(Math.fround));
      }

      let sample = Float32Array.from(golden.initial_sample);
      golden.steps.forEach((step, i) => {
        expect(step.t, `step ${i} timestep`).toBe(scheduler.timesteps[i]);
        expectClose(scheduler.scaleModelInput(sample, step.t), step.scaled_model_input, `step ${i} scaled input`);
        const queued = [...(step.noise ?? [])];
        const result = scheduler.step(Float32Array.from(step.model_output), step.t, sample, {
          drawNoise: (length) => {
            const next = queued.shift();
            if (!next || next.length !== length) throw new Error(`step ${i}: no recorded noise of length ${length}`);
            return Float32Array.from(next);
          },
        });
        expect(queued, `step ${i} left recorded noise unused`).toHaveLength(0);
        expectClose(result.prevSample, step.prev_sample, `step ${i} prev_sample`);
        if (step.denoised) expectClose(result.denoised, step.denoised, `step ${i} denoised`);
        // Feed back what diffusers produced, so each step is checked on its own inputs.
        sample = Float32Array.from(step.prev_sample);
      });
    });
  }
});
