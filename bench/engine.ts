import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../server/env';
import { generate, type GenerationRequest } from '../worker/engine/pipeline';
import { encodePreview } from '../worker/engine/encode-preview';
import { loadModel } from '../worker/models/load-model';

// Engine figures for issue #3: UNet step time, image time with and without CFG, the share of a
// step spent outside session.run, preview cost against step time, and peak RSS.
const { values } = parseArgs({
  options: { model: { type: 'string' }, runs: { type: 'string', default: '5' }, size: { type: 'string' } },
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const config = env();
  const id = values.model ?? config.DEFAULT_MODEL;
  const model = await loadModel(path.join(config.MODELS_DIR, id), {
    executionProvider: config.EXECUTION_PROVIDER,
    intraOpThreads: config.ORT_INTRA_OP_THREADS || undefined,
    graphOptimizationLevel: config.ORT_GRAPH_OPTIMIZATION,
  });
  const size = Number(values.size ?? model.nativeWidth);
  const runs = Number(values.runs);

  // Time spent inside the UNet's session.run, to separate it from everything around it.
  let runMs = 0;
  const session = model.unet.session;
  const originalRun = session.run.bind(session);
  (session as { run: typeof session.run }).run = (async (...args: Parameters<typeof session.run>) => {
    const t = performance.now();
    try {
      return await originalRun(...args);
    } finally {
      runMs += performance.now() - t;
    }
  }) as typeof session.run;

  const request = (guidance: number, seed: number): GenerationRequest => ({
    prompt: 'a large red circle on a blue background',
    negativePrompt: '',
    width: size,
    height: size,
    steps: 20,
    guidance,
    seed,
    sampler: 'ddim',
  });

  await generate(model, request(7.5, 0)); // warm-up: first runs allocate and optimise
  for (const guidance of [7.5, 1]) {
    const image: number[] = [];
    const step: number[] = [];
    const outside: number[] = [];
    const preview: number[] = [];
    for (let i = 0; i < runs; i++) {
      runMs = 0;
      const previewTimes: number[] = [];
      const t = performance.now();
      const result = await generate(model, request(guidance, i + 1), {
        onStep: async ({ latents, denoised, shape }) => {
          const p = performance.now();
          await encodePreview(denoised ?? latents, shape, model.previewFactors);
          previewTimes.push(performance.now() - p);
        },
      });
      image.push(performance.now() - t - previewTimes.reduce((a, b) => a + b, 0));
      const stepsMs = result.timingsMs.steps.reduce((a, b) => a + b, 0);
      step.push(stepsMs / result.timingsMs.steps.length);
      outside.push(((stepsMs - runMs) / stepsMs) * 100);
      preview.push((median(previewTimes) / median(result.timingsMs.steps)) * 100);
    }
    const label = guidance > 1 ? `with CFG (guidance ${guidance}, UNet batch 2)` : 'without CFG (guidance 1, UNet batch 1)';
    console.log(`${id} ${size}x${size}, DDIM 20 steps, ${label}, median of ${runs}:`);
    console.log(`  ms per UNet step:                 ${median(step).toFixed(2)}`);
    console.log(`  ms per image (encode+20 steps+decode): ${median(image).toFixed(1)}`);
    console.log(`  share of a step outside session.run:   ${median(outside).toFixed(2)} %`);
    console.log(`  WebP preview cost / step time:          ${median(preview).toFixed(1)} %`);
  }
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (model loaded, after the runs above)`);
  await model.release();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
