import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../../server/env';
import { fieldErrorsOf, generationInputSchema, randomSeed } from '../../server/generations/params';
import { generate } from '../engine/pipeline';
import { WarmPool } from '../models/warm-pool';
import { encodeImage } from '../postprocess/encode-image';
import pkg from '../../package.json';

// `npm run generate -- --prompt "..." --out out.png`: the worker's engine, without the queue.
const USAGE = `Usage: npm run generate -- --prompt "a red circle" [--negative "..."] [--model ID]
  [--sampler ddim] [--steps 20] [--guidance 7.5] [--seed N] [--width W --height H] --out out.png`;

async function main() {
  const { values } = parseArgs({
    options: {
      prompt: { type: 'string' },
      negative: { type: 'string', default: '' },
      model: { type: 'string' },
      sampler: { type: 'string', default: 'ddim' },
      steps: { type: 'string', default: '20' },
      guidance: { type: 'string', default: '7.5' },
      seed: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.prompt || !values.out) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = env();
  const model = values.model ?? config.DEFAULT_MODEL;
  const pool = new WarmPool({ modelsDir: config.MODELS_DIR, executionProvider: config.EXECUTION_PROVIDER, maxMegabytes: config.MODEL_POOL_MB, graphOptimizationLevel: config.ORT_GRAPH_OPTIMIZATION, intraOpThreads: config.ORT_INTRA_OP_THREADS || undefined });
  const loaded = await pool.get(model);
  const parsed = generationInputSchema.safeParse({
    prompt: values.prompt,
    negativePrompt: values.negative,
    sampler: values.sampler,
    steps: values.steps,
    guidance: values.guidance,
    seed: values.seed,
    width: values.width ?? loaded.nativeWidth,
    height: values.height ?? loaded.nativeHeight,
  });
  if (!parsed.success) {
    for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error))) console.error(`--${field}: ${message}`);
    process.exit(2);
  }
  const params = { ...parsed.data, seed: parsed.data.seed ?? randomSeed(), model };
  const started = performance.now();
  const result = await generate(loaded, params, {
    onStep: ({ step, steps }) => void process.stderr.write(`\rstep ${step}/${steps}`),
  });
  process.stderr.write('\n');
  const { png } = await encodeImage(result.rgb, result, params, { generationId: 'cli', appVersion: pkg.version });
  const out = path.resolve(values.out);
  await fs.writeFile(out, png);
  const stepsMs = result.timingsMs.steps.reduce((a, b) => a + b, 0);
  console.log(
    `${out}: ${result.width}x${result.height}, seed ${params.seed}, ${(performance.now() - started).toFixed(0)} ms ` +
      `(encode ${result.timingsMs.encode.toFixed(0)}, steps ${stepsMs.toFixed(0)}, decode ${result.timingsMs.decode.toFixed(0)})`,
  );
  await pool.releaseAll();
}

main().catch((err) => {
  console.error(`generate failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
