import fs from 'node:fs/promises';
import path from 'node:path';
import { readJson, readModelInfo } from './model-info';

/** What the generator shows about a model, and what it checks prompts against while the user types. */
export type ModelCard = {
  description: string | null;
  examplePrompts: string[];
  /** How a sentence names the model ("the demo model"); null: "this model". */
  shortName: string | null;
  /** Every word the tokenizer knows, for a closed (word-level) vocabulary; null for subword tokenizers, which read any word. */
  vocabulary: string[] | null;
  /** Prompt tokens the text encoder reads at a time (its sequence length less start and end). */
  tokenLimit: number;
};

const cache = new Map<string, { stamp: string; card: ModelCard }>();

/**
 * The card of a model folder, from files the model ships: kumori.json for the words, the
 * tokenizer for the vocabulary, so a retrained model brings its own. Cached until those change.
 */
export async function readModelCard(dir: string): Promise<ModelCard> {
  const files = ['kumori.json', 'tokenizer/tokenizer.json', 'tokenizer/tokenizer_config.json'].map((f) => path.join(dir, f));
  const stamp = (await Promise.all(files.map((f) => fs.stat(f).then((s) => s.mtimeMs, () => 0)))).join('|');
  const hit = cache.get(dir);
  if (hit?.stamp === stamp) return hit.card;
  const [info, tokenizer, config] = await Promise.all([readModelInfo(dir), readIfPresent(files[1]), readIfPresent(files[2])]);
  const card: ModelCard = {
    description: info.description,
    examplePrompts: info.examplePrompts,
    shortName: info.shortName,
    vocabulary: wordLevelVocabulary(tokenizer),
    tokenLimit: tokenLimitOf(config),
  };
  cache.set(dir, { stamp, card });
  return card;
}

/** A WordLevel tokenizer maps every other word to [UNK]: its words are all the model knows. */
export function wordLevelVocabulary(tokenizerJson: unknown): string[] | null {
  const model = (tokenizerJson as { model?: { type?: string; vocab?: Record<string, number> } } | undefined)?.model;
  if (model?.type !== 'WordLevel' || !model.vocab) return null;
  return Object.keys(model.vocab).filter((w) => /\p{L}/u.test(w) && !/^\[.*\]$|^<.*>$/.test(w));
}

function tokenLimitOf(config: unknown): number {
  const max = (config as { model_max_length?: unknown } | undefined)?.model_max_length;
  // transformers writes a huge sentinel (1e30) when a tokenizer has no limit of its own; CLIP reads 77.
  return typeof max === 'number' && max > 2 && max <= 4096 ? max - 2 : 75;
}

async function readIfPresent(file: string): Promise<unknown> {
  return fs.access(file).then(() => readJson(file), () => undefined);
}
