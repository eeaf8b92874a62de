import { loadNsfwClassifier } from '../server/safety/nsfw/classifier';
import { syntheticImage, type SyntheticKind } from '../worker/testing/watermark-test-images';
import { DEFAULT_NSFW_THRESHOLDS } from '../server/safety/nsfw/scores-policy';
import { finishImage } from '../worker/postprocess/finish-image';
import { watermarkImage } from '../worker/postprocess/watermark-image';
import { encodeImage } from '../worker/postprocess/encode-image';

// What post-processing adds to every generation, per image size: classify + watermark + PNG with
// metadata + thumbnail (finishImage, as the worker runs it), and its parts. Medians over 20 images.
const RUNS = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const params = { prompt: 'bench', negativePrompt: '', steps: 20, guidance: 7.5, sampler: 'ddim', seed: 1, model: 'bench' };

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main() {
  const classifier = await loadNsfwClassifier();
  console.log('size      finishImage  classify  watermark  encode PNG  (median ms)');
  for (const size of [128, 512, 1024]) {
    const kinds: SyntheticKind[] = ['scene', 'poster', 'texture', 'gradient'];
    const rows = { finish: [] as number[], classify: [] as number[], watermark: [] as number[], encode: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      const rgb = syntheticImage(kinds[i % kinds.length], size, size, i);
      const input = { rgb, width: size, height: size, params: { ...params, width: size, height: size } as never, generationId: 'bench', appVersion: 'bench', flaggedCategory: null };
      rows.finish.push(await time(() => finishImage(input, classifier, DEFAULT_NSFW_THRESHOLDS)));
      rows.classify.push(await time(() => classifier.classify({ rgb, width: size, height: size })));
      rows.watermark.push(await time(() => watermarkImage(rgb, size, size)));
      rows.encode.push(await time(() => encodeImage(rgb, { width: size, height: size }, input.params, { generationId: 'bench', appVersion: 'bench' })));
    }
    const f = (xs: number[]) => median(xs).toFixed(1).padStart(9);
    console.log(`${`${size}x${size}`.padEnd(9)} ${f(rows.finish)}    ${f(rows.classify)} ${f(rows.watermark)}  ${f(rows.encode)}`);
  }
}

void main();
