import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNsfwClassifier, type NsfwClassifier } from '../../server/safety/nsfw/classifier';
import { DEFAULT_NSFW_THRESHOLDS, unsafeScore } from '../../server/safety/nsfw/scores-policy';
import { SHIPPED_STYLES } from '../../server/styles/shipped-styles';
import { generate } from '../engine/pipeline';
import { loadModel, type LoadedModel } from '../models/load-model';
import { applyStyleEffects } from './style-effects';

// The classifier judges the styled pixels, so a style must not push ordinary demo images into
// review: a vignette on a grey Noir square once scored 0.57.
const DIR = path.resolve(__dirname, '..', 'models', 'kumori-demo');
const PROMPTS = [
  'a large red circle on a blue background',
  'a small yellow triangle on a black background',
  'a white square on a green background',
  'a purple circle on an orange background',
  'a red square on a white background',
  'a green triangle on a yellow background',
];

let model: LoadedModel;
let classifier: NsfwClassifier;
beforeAll(async () => {
  [model, classifier] = await Promise.all([loadModel(DIR, { executionProvider: 'cpu' }), loadNsfwClassifier()]);
}, 60_000);
afterAll(async () => model?.release());

describe('shipped styles and the NSFW classifier', () => {
  it('keep every demo image under the review threshold', async () => {
    for (const [i, prompt] of PROMPTS.entries()) {
      const out = await generate(model, { prompt, negativePrompt: '', width: 128, height: 128, steps: 12, guidance: 7.5, sampler: 'ddim', seed: 100 + i });
      for (const style of SHIPPED_STYLES) {
        const img = await applyStyleEffects({ rgb: out.images[0].rgb, width: 128, height: 128 }, style.effects, 100 + i);
        const unsafe = unsafeScore(await classifier.classify(img));
        expect(unsafe, `${style.slug}: ${prompt}`).toBeLessThan(DEFAULT_NSFW_THRESHOLDS.blurAt);
      }
    }
  }, 120_000);
});
