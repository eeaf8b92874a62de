import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../server/env';
import { generate, type GenerationRequest } from '../worker/engine/pipeline';
import { PreviewPublisher } from '../worker/preview-publisher';
import { loadModel } from '../worker/models/load-model';

// Engine figures for issue #3: UNet step time, image time with and without CFG, the share of a
// step spent outside session.run, preview cost against step time, and peak RSS. Then, for n
// images per generation: one batched generation against n single ones, seconds per image.
const { values } = parseArgs({
  options: { model: { type: 'string' }, runs: { type: 'string', default: '5' }, size: { type: 'string' }, n: { type: 'string', default: '4' } },
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
    const offer: number[] = [];
    const stepWithPreviews: number[] = [];
    let frames = 0;
    for (let i = 0; i < runs; i++) {
      runMs = 0;
      const t = performance.now();
      const result = await generate(model, request(guidance, i + 1));
      image.push(performance.now() - t);
      const stepsMs = result.timingsMs.steps.reduce((a, b) => a + b, 0);
      step.push(stepsMs / result.timingsMs.steps.length);
      outside.push(((stepsMs - runMs) / stepsMs) * 100);

      // The same run with previews made the way the worker makes them (PreviewPublisher).
      const offerTimes: number[] = [];
      const publisher = new PreviewPublisher(model.previewFactors, async () => void frames++);
      const withPreviews = await generate(model, request(guidance, i + 1), {
        onStep: ({ step: n, steps, latents, denoised, shape }) => {
          const o = performance.now();
          publisher.offer(n, steps, denoised ?? latents, shape);
          offerTimes.push(performance.now() - o);
        },
      });
      await publisher.flush();
      const withMs = withPreviews.timingsMs.steps.reduce((a, b) => a + b, 0) + offerTimes.reduce((a, b) => a + b, 0);
      stepWithPreviews.push(withMs / withPreviews.timingsMs.steps.length);
      offer.push((median(offerTimes) / median(result.timingsMs.steps)) * 100);
    }
    const label = guidance > 1 ? `with CFG (guidance ${guidance}, UNet batch 2)` : 'without CFG (guidance 1, UNet batch 1)';
    console.log(`${id} ${size}x${size}, DDIM 20 steps, ${label}, median of ${runs}:`);
    console.log(`  ms per UNet step:                       ${median(step).toFixed(2)}`);
    console.log(`  ms per image (encode+20 steps+decode):  ${median(image).toFixed(1)}`);
    console.log(`  share of a step outside session.run:    ${median(outside).toFixed(2)} %`);
    console.log(`  ms per step with live previews:         ${median(stepWithPreviews).toFixed(2)} (${frames} frames published)`);
    console.log(`  preview work on the step's path:        ${median(offer).toFixed(2)} % of a step (WebP encoding runs beside the next steps)`);
  }
  await benchBatch(model, request, runs, Number(values.n));
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (model loaded, after the runs above)`);
  await model.release();
}

/** Seconds per image of n images made in one batched generation, and of n generations of one each. */
async function benchBatch(model: Parameters<typeof generate>[0], request: (guidance: number, seed: number) => GenerationRequest, runs: number, n: number) {
  for (const guidance of [7.5, 1]) {
    const batched: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await generate(model, { ...request(guidance, 100 + i), n });
      batched.push((performance.now() - t) / n);
      t = performance.now();
      for (let k = 0; k < n; k++) await generate(model, request(guidance, 100 + i + k));
      single.push((performance.now() - t) / n);
    }
    const rows = guidance > 1 ? `UNet batch ${2 * n}` : `UNet batch ${n}`;
    console.log(`n = ${n}, guidance ${guidance}, median of ${runs}:`);
    const label = `batched (${rows}${model.maxUnetBatch ? `, at most ${model.maxUnetBatch} a call` : ''}):`;
    console.log(`  s per image, ${label.padEnd(26)} ${(median(batched) / 1000).toFixed(4)}`);
    console.log(`  s per image, ${'one at a time:'.padEnd(26)} ${(median(single) / 1000).toFixed(4)} (batched is ${(median(single) / median(batched)).toFixed(2)}x faster)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
