import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFigures, measureConceptAdherence, type EverydayConcepts } from '../testing/concept-adherence';
import { loadModel, type LoadedModel } from './load-model';

// Issue #19's bar for the everyday model: random prompts from its concepts (fixed seed), read back
// from pixels by the concept checker. Concept top-1 >= 60%, top-5 >= 85%, background >= 90%.
// The 200 prompts take about a minute on one core, within CI's time for the quality layer;
// scripts/demo-model/everyday-bench.ts prints the same figures (and the shapes' ones) outside the suite.
const DIR = path.resolve(__dirname, 'kumori-everyday');
const PROMPTS = 200;
const SETTINGS = { steps: 20, guidance: 7.5 } as const;

let model: LoadedModel;
let concepts: EverydayConcepts;

beforeAll(async () => {
  model = await loadModel(DIR, { executionProvider: 'cpu' });
  concepts = JSON.parse(fs.readFileSync(path.join(DIR, 'concepts.json'), 'utf8'));
});
afterAll(async () => model?.release());

describe('kumori-everyday follows prompts', () => {
  it(`draws the asked-for picture on the asked-for background on ${PROMPTS} random prompts`, async () => {
    const figures = await measureConceptAdherence(model, concepts, { prompts: PROMPTS, seed: 20261128, ...SETTINGS });
    console.log(formatFigures(figures, SETTINGS));
    expect(figures.top1).toBeGreaterThanOrEqual(0.6);
    expect(figures.top5).toBeGreaterThanOrEqual(0.85);
    expect(figures.background).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
