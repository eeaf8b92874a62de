import fs from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { createDiffusersScheduler } from './create-scheduler';
import { parseSchedulerConfig } from './scheduler-config';
const dir = '/work/shared/golden/schedulers';
it('report', () => {
  const lines: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const g = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const s = createDiffusersScheduler(g.scheduler, parseSchedulerConfig(g.config), g.step_kwargs?.eta !== undefined ? { eta: g.step_kwargs.eta } : {});
    s.setTimesteps(g.num_inference_steps);
    let sample = Float32Array.from(g.initial_sample);
    const worst = { floorRms: 0, pureRel: 0, absOverRms: 0 };
    const upd = (a: ArrayLike<number>, b: number[]) => {
      const rms = Math.sqrt(b.reduce((x, v) => x + v * v, 0) / b.length);
      for (let i = 0; i < b.length; i++) {
        const d = Math.abs(a[i] - b[i]);
        worst.floorRms = Math.max(worst.floorRms, d / Math.max(Math.abs(b[i]), 1e-3 * rms));
        worst.pureRel = Math.max(worst.pureRel, d / Math.max(Math.abs(b[i]), 1e-30));
        worst.absOverRms = Math.max(worst.absOverRms, d / rms);
      }
    };
    g.steps.forEach((st: any) => {
      upd(s.scaleModelInput(sample, st.t), st.scaled_model_input);
      const q = [...(st.noise ?? [])];
      const r = s.step(Float32Array.from(st.model_output), st.t, sample, { drawNoise: () => Float32Array.from(q.shift()) });
      upd(r.prevSample, st.prev_sample);
      if (st.denoised) upd(r.denoised!, st.denoised);
      sample = Float32Array.from(st.prev_sample);
    });
    lines.push(`${file.padEnd(28)} rel(floor 1e-3 rms)=${worst.floorRms.toExponential(2)}  pure rel=${worst.pureRel.toExponential(2)}  abs/rms=${worst.absOverRms.toExponential(2)}`);
  }
  console.log(lines.join('\n'));
});
