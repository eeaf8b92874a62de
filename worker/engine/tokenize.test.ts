import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPromptTokenizer, tokenize } from './tokenize';

const modelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../models/tiny-sd');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(modelDir, 'tokenizer', file), 'utf8'));
const prompt = createPromptTokenizer(readJson('tokenizer.json'), readJson('tokenizer_config.json'));
const id = (word: string) => {
  const value = prompt.tokenizer.token_to_id(word);
  if (value === undefined) throw new Error(`${word} not in vocabulary`);
  return value;
};

describe('tokenize', () => {
  it('wraps lower-cased words in start and end tokens and pads to 77', () => {
    const { ids, truncated } = tokenize(prompt, 'A Red circle, on BLUE!');
    expect(ids).toBeInstanceOf(Int32Array);
    expect(ids).toHaveLength(77);
    expect(Array.from(ids.slice(0, 9))).toEqual([
      prompt.bosId, id('a'), id('red'), id('circle'), id(','), id('on'), id('blue'), id('!'), prompt.eosId,
    ]);
    expect(ids.slice(9).every((v) => v === prompt.padId)).toBe(true);
    expect(truncated).toBe(false);
  });

  it('maps words outside the vocabulary to the unknown token', () => {
    const { ids } = tokenize(prompt, 'red zyzzyva');
    expect(ids[2]).toBe(prompt.unkId);
    expect(ids[3]).toBe(prompt.eosId);
  });

  it('gives an empty prompt just the start and end tokens', () => {
    const { ids } = tokenize(prompt, '');
    expect(Array.from(ids.slice(0, 3))).toEqual([prompt.bosId, prompt.eosId, prompt.padId]);
  });

  it('keeps exactly 75 words without truncating', () => {
    const { ids, truncated } = tokenize(prompt, Array(75).fill('blue').join(' '));
    expect(truncated).toBe(false);
    expect(ids[75]).toBe(id('blue'));
    expect(ids[76]).toBe(prompt.eosId);
  });

  it('truncates long prompts to 75 words, still ending with the end token', () => {
    const words = Array.from({ length: 100 }, (_, i) => (i < 75 ? 'red' : 'green'));
    const { ids, truncated } = tokenize(prompt, words.join(' '));
    expect(truncated).toBe(true);
    expect(ids).toHaveLength(77);
    expect(ids[0]).toBe(prompt.bosId);
    expect(ids.slice(1, 76).every((v) => v === id('red'))).toBe(true);
    expect(ids[76]).toBe(prompt.eosId);
  });
});
