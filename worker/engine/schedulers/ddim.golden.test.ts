import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DdimScheduler } from './ddim';
import type { Scheduler } from './scheduler';
import { parseSchedulerConfig } from './scheduler-config';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const goldenDir = process.env.SCHEDULER_GOLDEN_DIR ?? path.resolve(repoRoot, '../shared/golden/schedulers');

interface GoldenStep {
  t: number;
  scaled_model_input: number[];
  model_output: number[];
  noise: number[][] | null;
  prev_sample: number[];
}

interface GoldenCase {
  name: string;
  config: unknown;
  num_inference_steps: number;
  step_kwargs?: { eta?: number };
  init_noise_sigma: number;
  timesteps: number[];
  initial_sample: number[];
  steps: GoldenStep[];
}

const files = fs.existsSync(goldenDir)
  ? fs.readdirSync(goldenDir).filter((f) => /^ddim.*\.json$/.test(f)).sort()
  : [];

/** float32 rounding differs between libraries; values near zero get an absolute floor of 1e-4. */
function expectClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let worst = { index: -1, excess: 0 };
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) - 1e-4 * Math.max(1, Math.abs(expected[i]));
    if (!(excess <= worst.excess)) worst = { index: i, excess };
  }
  if (worst.index >= 0) {
    const i = worst.index;
    expect.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

describe('DDIM matches diffusers', () => {
  it('finds golden cases', () => {
    expect(files.length, `no ddim*.json in ${goldenDir}`).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`reproduces ${file}`, () => {
      const golden = JSON.parse(fs.readFileSync(path.join(goldenDir, file), 'utf8')) as GoldenCase;
      const scheduler: Scheduler = new DdimScheduler(parseSchedulerConfig(golden.config), { eta: golden.step_kwargs?.eta ?? 0 });
      scheduler.setTimesteps(golden.num_inference_steps);
      expect(scheduler.timesteps).toEqual(golden.timesteps);
      expect(scheduler.initNoiseSigma).toBe(golden.init_noise_sigma);

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
        // Feed back what diffusers produced, so each step is checked on its own inputs.
        sample = Float32Array.from(step.prev_sample);
      });
    });
  }
});
