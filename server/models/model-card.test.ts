import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unknownWords } from '../../domain/prompt-vocabulary';
import { readModelCard, wordLevelVocabulary } from './model-card';
import { readModelInfo } from './model-info';

const demo = path.join(__dirname, '../../worker/models/kumori-demo');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kumori-card-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the demo model card', () => {
  it('reads the vocabulary from the shipped tokenizer, so a retrained model brings its own', async () => {
    const card = await readModelCard(demo);
    expect(card.vocabulary).toEqual(expect.arrayContaining(['circle', 'square', 'triangle', 'red', 'background', 'left']));
    expect(card.vocabulary).not.toContain('[UNK]');
    expect(card.vocabulary).not.toContain(',');
    expect(card.tokenLimit).toBe(75);
    expect(card.shortName).toBe('the demo model');
  });

  it('offers example prompts made only of words the model knows', async () => {
    const card = await readModelCard(demo);
    const vocabulary = new Set(card.vocabulary);
    expect(card.examplePrompts.length).toBeGreaterThan(0);
    for (const p of card.examplePrompts) expect(unknownWords(p, vocabulary)).toEqual([]);
    expect(unknownWords('a cat and an astronaut', vocabulary)).toEqual(['cat', 'astronaut']);
  });
});

describe('a model folder', () => {
  it('has no closed vocabulary with a subword (CLIP) tokenizer', () => {
    expect(wordLevelVocabulary({ model: { type: 'BPE', vocab: { a: 0 } } })).toBeNull();
    expect(wordLevelVocabulary(undefined)).toBeNull();
  });

  it('marks itself a test model in kumori.json, and re-reads its card when kumori.json changes', async () => {
    const dir = path.join(scratch, 'tester');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'kumori.json'), JSON.stringify({ test: true, description: 'first' }));
    expect((await readModelInfo(dir)).isTest).toBe(true);
    expect((await readModelCard(dir)).description).toBe('first');
    fs.writeFileSync(path.join(dir, 'kumori.json'), JSON.stringify({ description: 'second' }));
    fs.utimesSync(path.join(dir, 'kumori.json'), new Date(), new Date(Date.now() + 5000));
    expect((await readModelCard(dir)).description).toBe('second');
    expect((await readModelInfo(dir)).isTest).toBe(false);
  });
});
