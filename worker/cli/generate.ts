import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../../server/env';
import { fieldErrorsOf, generationInputSchema, randomSeed } from '../../domain/generation-params';
import sharp from 'sharp';
import { validateUploadedImage } from '../../server/uploads/validate-image';
import { generate } from '../engine/pipeline';
import { WarmPool } from '../models/warm-pool';
import { encodeImage } from '../postprocess/encode-image';
import pkg from '../../package.json';

// `npm run generate -- --prompt "..." --out out.png`: the worker's engine, without the queue.
const USAGE = `Usage: npm run generate -- --prompt "a red circle" [--negative "..."] [--model ID]
  [--sampler ddim|euler|euler_a|dpmpp_2m|dpmpp_2m_karras|lcm] [--steps 20] [--guidance 7.5] [--seed N]
  [--width W --height H] [--init start.png --strength 0.6] [--n 1..4] --out out.png
  With --n above 1 the images are written as out-0.png, out-1.png, ... (seeds seed, seed+1, ...).`;

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
      init: { type: 'string' },
      strength: { type: 'string', default: '0.6' },
      n: { type: 'string', default: '1' },
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
    strength: values.strength,
    n: values.n,
  });
  if (!parsed.success) {
    for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error))) console.error(`--${field}: ${message}`);
    process.exit(2);
  }
  const params = { ...parsed.data, seed: parsed.data.seed ?? randomSeed(), model };
  const init = values.init ? await readInitImage(values.init, params.width, params.height) : undefined;
  const started = performance.now();
  const result = await generate(loaded, { ...params, init: init && { rgb: init, strength: params.strength } }, {
    onStep: ({ step, steps }) => void process.stderr.write(`\rstep ${step}/${steps}`),
  });
  process.stderr.write('\n');
  const totalMs = performance.now() - started;
  for (const [index, image] of result.images.entries()) {
    // Each file's metadata reproduces it alone: its own seed, one image.
    const { n: _n, ...one } = params;
    const { png } = await encodeImage(image.rgb, result, { ...one, seed: image.seed }, { generationId: 'cli', appVersion: pkg.version });
    const out = outPath(path.resolve(values.out), index, result.images.length);
    await fs.writeFile(out, png);
    console.log(`${out}: ${result.width}x${result.height}, seed ${image.seed}`);
  }
  const stepsMs = result.timingsMs.steps.reduce((a, b) => a + b, 0);
  console.log(
    `${result.images.length} image(s) in ${totalMs.toFixed(0)} ms ` +
      `(encode ${result.timingsMs.encode.toFixed(0)}, steps ${stepsMs.toFixed(0)}, decode ${result.timingsMs.decode.toFixed(0)})`,
  );
  await pool.releaseAll();
}

/** out.png for one image; out-0.png, out-1.png, ... for several. */
function outPath(out: string, index: number, count: number): string {
  if (count === 1) return out;
  const ext = path.extname(out);
  return `${out.slice(0, out.length - ext.length)}-${index}${ext || '.png'}`;
}

/** The same checks as web uploads, then the same resize the worker does. */
async function readInitImage(file: string, width: number, height: number): Promise<Uint8Array> {
  const checked = await validateUploadedImage(await fs.readFile(file));
  if (!checked.ok) throw new Error(`--init ${file}: ${checked.error.message}`);
  const { data } = await sharp(checked.image.png).resize(width, height, { fit: 'cover', kernel: 'lanczos3' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

main().catch((err) => {
  console.error(`generate failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
