import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../engine/pipeline';
import { loadModel, type LoadedModel } from '../models/load-model';
import { finishImage } from './finish-image';
import { loadNsfwClassifier, type NsfwClassifier } from '../../server/safety/nsfw/classifier';
import { DEFAULT_NSFW_THRESHOLDS, unsafeScore } from '../../server/safety/nsfw/scores-policy';
import { extractWatermark } from '../../server/provenance/watermark';
import { readPngText } from '../../server/provenance/png-text';
import sharp from 'sharp';

// The bar: with the shipped thresholds, the shipped demo model's images are not flagged.
// Every pair of its colours as subject and background, through the real post-processing.
const DIR = path.resolve(__dirname, '..', 'models', 'kumori-demo');
const scenes = JSON.parse(fs.readFileSync(path.join(DIR, 'scenes.json'), 'utf8')) as { shapes: string[]; colours: Record<string, number[]> };

let model: LoadedModel;
let classifier: NsfwClassifier;
beforeAll(async () => {
  [model, classifier] = await Promise.all([loadModel(DIR, { executionProvider: 'cpu' }), loadNsfwClassifier()]);
}, 60_000);
afterAll(async () => model?.release());

describe('post-processing of the demo model', () => {
  it('allows every demo image at the shipped thresholds, with its metadata and a watermark that survives halving + JPEG q80', async () => {
    const colours = Object.keys(scenes.colours);
    const pairs = colours.flatMap((c) => colours.filter((b) => b !== c).map((b) => [c, b]));
    const worst = { unsafe: 0, prompt: '' };
    for (const [i, [colour, background]] of pairs.entries()) {
      const shape = scenes.shapes[i % scenes.shapes.length];
      const prompt = `a large ${colour} ${shape} in the centre on a ${background} background`;
      const params = { prompt, negativePrompt: '', width: 128, height: 128, steps: 12, guidance: 7.5, sampler: 'ddim', seed: 500 + i, model: 'kumori-demo' } as const;
      const out = await generate(model, params);
      const finished = await finishImage(
        { ...out, params: params as never, generationId: `g${i}`, appVersion: 'test', flaggedCategory: null },
        classifier,
        DEFAULT_NSFW_THRESHOLDS,
      );
      const unsafe = unsafeScore(finished.scores);
      if (unsafe > worst.unsafe) Object.assign(worst, { unsafe, prompt });
      expect(finished.verdict.decision, `${prompt}: unsafe ${unsafe.toFixed(3)}`).toBe('allow');
      if (finished.blocked) continue;
      const { data } = await sharp(finished.png).raw().toBuffer({ resolveWithObject: true });
      const reading = extractWatermark(new Uint8Array(data), 128, 128, 3);
      expect(reading.found && reading.payload.toString()).toBe(finished.watermarkId);
      // The attacks together: halved, then saved as JPEG quality 80.
      const copy = await sharp(await sharp(finished.png).resize(64, 64).png().toBuffer()).jpeg({ quality: 80 }).toBuffer();
      const attacked = await sharp(copy).raw().toBuffer({ resolveWithObject: true });
      const survived = extractWatermark(new Uint8Array(attacked.data), 64, 64, 3, { originalSizes: [{ width: 128, height: 128 }] });
      expect(survived.found && survived.payload.toString(), `${prompt}: halved + JPEG q80`).toBe(finished.watermarkId);
      expect(JSON.parse(readPngText(finished.png).kumori)).toMatchObject({ prompt, generationId: `g${i}`, seed: 500 + i });
    }
    console.log(`demo images: ${pairs.length}, highest unsafe score ${worst.unsafe.toFixed(3)} (${worst.prompt})`);
    expect(worst.unsafe).toBeLessThan(DEFAULT_NSFW_THRESHOLDS.blurAt);
  }, 120_000);
});
