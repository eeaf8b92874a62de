import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../../worker/engine/noise';
import { generate } from '../../worker/engine/pipeline';
import { formatFigures, measureConceptAdherence } from '../../worker/testing/concept-adherence';
import { readScene, type Palette } from '../../worker/testing/scene-checker';
import { loadModel, type LoadedModel } from '../../worker/models/load-model';

// The 200-prompt figures for the everyday model (the quality test runs fewer), then the
// shapes model's figures (object colour, background, shape) for this model on --shapes prompts:
//   npx tsx scripts/demo-model/everyday-bench.ts [--prompts 200] [--shapes 100] [--steps 20] [--guidance 7.5] [--model DIR]
const { values } = parseArgs({
  options: {
    prompts: { type: 'string', default: '200' },
    shapes: { type: 'string', default: '100' },
    steps: { type: 'string', default: '20' },
    guidance: { type: 'string', default: '7.5' },
    seed: { type: 'string', default: '20261128' },
    model: { type: 'string', default: path.resolve(__dirname, '../../worker/models/kumori-everyday') },
  },
});

async function main() {
  const model = await loadModel(values.model!, { executionProvider: 'cpu' });
  const concepts = JSON.parse(fs.readFileSync(path.join(values.model!, 'concepts.json'), 'utf8'));
  const settings = { steps: Number(values.steps), guidance: Number(values.guidance) };
  const started = performance.now();
  const figures = await measureConceptAdherence(model, concepts, { prompts: Number(values.prompts), seed: Number(values.seed), ...settings });
  console.log(formatFigures(figures, settings));
  console.log(`${((performance.now() - started) / 1000 / figures.prompts).toFixed(2)} s per prompt`);
  const shapes = Number(values.shapes);
  if (shapes > 0) await shapeFigures(model, JSON.parse(fs.readFileSync(path.join(values.model!, 'scenes.json'), 'utf8')), shapes, settings);
  await model.release();
}

type Scenes = { shapes: string[]; colours: Palette; sizes: string[]; positions: Record<string, string[]> };

/** demo-adherence.test.ts's measurement (same prompt form and seed), for this model. */
async function shapeFigures(model: LoadedModel, scenes: Scenes, prompts: number, settings: { steps: number; guidance: number }) {
  const rng = createRng(20261124);
  const pick = <T,>(items: readonly T[]) => items[Math.floor((rng.nextUint32() / 2 ** 32) * items.length)];
  const colours = Object.keys(scenes.colours);
  const tally = { colour: 0, background: 0, shape: 0 };
  for (let i = 0; i < prompts; i++) {
    const shape = pick(scenes.shapes);
    const colour = pick(colours);
    const background = pick(colours.filter((c) => c !== colour));
    const size = pick(scenes.sizes);
    const position = pick(Object.keys(scenes.positions));
    const prompt = `a ${size} ${colour} ${shape} ${scenes.positions[position][0]} on a ${background} background`;
    const out = await generate(model, { prompt, negativePrompt: '', width: model.nativeWidth, height: model.nativeHeight, seed: 1000 + i, sampler: 'ddim', ...settings });
    const seen = readScene(out.rgb, out.width, out.height, scenes.colours);
    tally.colour += Number(seen.colour === colour);
    tally.background += Number(seen.background === background);
    tally.shape += Number(seen.shape === shape);
  }
  const pct = (n: number) => `${((n / prompts) * 100).toFixed(0)}%`;
  console.log(`shapes over ${prompts} prompts: object colour ${pct(tally.colour)}, background ${pct(tally.background)}, shape ${pct(tally.shape)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
