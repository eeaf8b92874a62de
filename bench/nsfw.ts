import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadNsfwClassifier, type NsfwModelName } from '../server/safety/nsfw/classifier';
import { benignImages } from '../server/safety/nsfw/benign-images';
import type { TfBackend } from '../server/safety/nsfw/tf-backend';

// NSFW classifier figures: model load time, median classify time over 20 images at 128 and 512 px,
// and peak RSS, for each TensorFlow.js backend. TensorFlow.js has one backend per process, so each
// backend is measured in a fresh child process, which also keeps the load and RSS figures honest.
const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'MobileNetV2' },
    backends: { type: 'string', default: 'wasm,cpu' },
    runs: { type: 'string', default: '20' },
    child: { type: 'string' },
  },
});
const model = values.model as NsfwModelName;
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

type Figures = { backend: TfBackend; loadMs: number; classifyMs: Record<number, number>; rssAfterLoadMiB: number; peakRssMiB: number };

async function measure(backend: TfBackend): Promise<Figures> {
  const t0 = performance.now();
  const classifier = await loadNsfwClassifier({ model, backend });
  const loadMs = performance.now() - t0;
  const rssAfterLoadMiB = mib(process.memoryUsage().rss);
  const classifyMs: Record<number, number> = {};
  for (const size of [128, 512]) {
    const images = await benignImages(size);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await classifier.classify(images[i % images.length].png);
      times.push(performance.now() - t);
    }
    classifyMs[size] = median(times);
  }
  return { backend, loadMs, classifyMs, rssAfterLoadMiB, peakRssMiB: mib(process.resourceUsage().maxRSS * 1024) };
}

function runChild(backend: string): Figures {
  const args = [...process.execArgv, process.argv[1], '--child', backend, '--model', model, '--runs', String(runs)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${backend} run failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Figures;
}

async function main() {
  if (values.child) {
    console.log(JSON.stringify(await measure(values.child as TfBackend)));
    return;
  }
  console.log(`${model}, median of ${runs} classifications (decode + resize + inference)`);
  console.log('backend | load ms | 128px ms | 512px ms | RSS after load MiB | peak RSS MiB');
  for (const backend of values.backends.split(',')) {
    const f = runChild(backend);
    const ms = (x: number) => x.toFixed(0);
    console.log(`${f.backend} | ${ms(f.loadMs)} | ${ms(f.classifyMs[128])} | ${ms(f.classifyMs[512])} | ${f.rssAfterLoadMiB} | ${f.peakRssMiB}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
