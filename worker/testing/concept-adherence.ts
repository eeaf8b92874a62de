/**
 * Prompt adherence of the everyday model, measured from pixels: random canonical prompts from its
 * concepts.json (fixed seed), each image read back by the concept checker. Shared by the quality
 * test and the 200-prompt bench (scripts/demo-model/everyday-bench.ts).
 */
import { createRng } from '../engine/noise';
import { generate } from '../engine/pipeline';
import type { LoadedModel } from '../models/load-model';
import { nearestColour, readConcept, type ConceptReference, type Rgb } from './concept-checker';

export type EverydayConcept = { name: string; kind: 'shape' | 'emoji'; words: string[]; backgrounds?: string[]; layout?: number[] };
export type EverydayConcepts = {
  sizes: string[];
  positions: Record<string, string[]>;
  colours: Record<string, Rgb>;
  concepts: EverydayConcept[];
};
export type AdherenceFigures = { prompts: number; top1: number; top5: number; background: number; misses: string[] };
export type AdherenceOptions = { prompts: number; seed: number; steps: number; guidance: number };

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

/** The training data's canonical caption: 'a small red apple on the left on a blue background'. */
export function canonicalPrompt(name: string, size: string, positionPhrase: string, background: string): string {
  const plural = name.endsWith('s') && !name.endsWith('ss');
  return `${plural ? '' : 'a '}${size} ${name} ${positionPhrase} on a ${background} background`;
}

export async function measureConceptAdherence(model: LoadedModel, data: EverydayConcepts, options: AdherenceOptions): Promise<AdherenceFigures> {
  const pictures = data.concepts.filter((c): c is EverydayConcept & { layout: number[]; backgrounds: string[] } => !!c.layout && !!c.backgrounds);
  const references: ConceptReference[] = pictures.map(({ name, layout }) => ({ name, layout }));
  const rng = createRng(options.seed);
  const next = () => rng.nextUint32() / 2 ** 32;
  const tally = { top1: 0, top5: 0, background: 0 };
  const misses: string[] = [];
  for (let i = 0; i < options.prompts; i++) {
    const concept = pick(next, pictures);
    const background = pick(next, concept.backgrounds);
    const size = pick(next, data.sizes);
    const position = pick(next, Object.keys(data.positions));
    const prompt = canonicalPrompt(concept.name, size, data.positions[position][0], background);
    const out = await generate(model, {
      prompt,
      negativePrompt: '',
      width: model.nativeWidth,
      height: model.nativeHeight,
      seed: options.seed + i,
      steps: options.steps,
      guidance: options.guidance,
      sampler: 'ddim',
    });
    const reading = readConcept(out.rgb, out.width, out.height, references);
    const rank = reading.ranked.findIndex((r) => r.name === concept.name);
    const seenBackground = nearestColour(reading.background, data.colours);
    tally.top1 += Number(rank === 0);
    tally.top5 += Number(rank >= 0 && rank < 5);
    tally.background += Number(seenBackground === background);
    if (rank !== 0 || seenBackground !== background) {
      const guesses = reading.ranked.slice(0, 3).map((r) => r.name).join(' / ') || 'nothing';
      misses.push(`${prompt} -> ${guesses} on ${seenBackground} (rank ${rank < 0 ? '-' : rank + 1})`);
    }
  }
  const share = (n: number) => n / options.prompts;
  return { prompts: options.prompts, top1: share(tally.top1), top5: share(tally.top5), background: share(tally.background), misses };
}

export function formatFigures(f: AdherenceFigures, settings: { steps: number; guidance: number }): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  return (
    `kumori-everyday adherence over ${f.prompts} prompts (DDIM ${settings.steps} steps, guidance ${settings.guidance}): ` +
    `concept top-1 ${pct(f.top1)}, top-5 ${pct(f.top5)}, background ${pct(f.background)}\n` +
    `first misses:\n  ${f.misses.slice(0, 10).join('\n  ')}`
  );
}
