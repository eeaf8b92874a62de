import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMergesTxt } from './prompt/clip-tokenizer-json';
import { createPromptTokenizer, createPromptTokenizerFromFiles, tokenize, tokenizeWords } from './tokenize';

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

/** Bytes in the order GPT-2/CLIP map them to printable characters: printable Latin-1 first. */
function byteAlphabet(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const chars = printable.map((b) => String.fromCharCode(b));
  let next = 256;
  for (let b = 0; b < 256; b++) if (!printable.includes(b)) chars.push(String.fromCharCode(next++));
  return chars;
}

/** vocab.json + merges.txt laid out the way CLIP builds its vocabulary: bytes, bytes + </w>, merges, specials. */
function clipStyleFiles(merges: string[]) {
  const bytes = byteAlphabet();
  const tokens = [...bytes, ...bytes.map((b) => `${b}</w>`), ...merges.map((m) => m.replace(' ', '')), '<|startoftext|>', '<|endoftext|>'];
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  return { vocab, merges: `#version: 0.2\n${merges.join('\n')}\n` };
}

const sd15Config = {
  tokenizer_class: 'CLIPTokenizer',
  model_max_length: 77,
  bos_token: { __type: 'AddedToken', content: '<|startoftext|>', lstrip: false, normalized: true, rstrip: false, single_word: false },
  eos_token: { __type: 'AddedToken', content: '<|endoftext|>', lstrip: false, normalized: true, rstrip: false, single_word: false },
  unk_token: { __type: 'AddedToken', content: '<|endoftext|>', lstrip: false, normalized: true, rstrip: false, single_word: false },
  pad_token: '<|endoftext|>',
};

describe('CLIP tokenizer from vocab.json + merges.txt', () => {
  const merges = ['a t</w>', 'c a', 'ca t</w>', 'o f</w>', 'p h', 'ph o', 'pho t', 'phot o</w>', '! !</w>', "' s</w>"];
  const files = clipStyleFiles(merges);
  const clip = createPromptTokenizerFromFiles({ vocab: files.vocab, merges: files.merges, config: sd15Config });
  const tokens = (text: string) => clip.tokenizer.tokenize(text);
  const idOf = (token: string) => files.vocab[token];

  it('reports that it was built from vocab.json + merges.txt, with CLIP special tokens', () => {
    expect(clip.source).toBe('vocab.json+merges.txt');
    expect([clip.bosId, clip.eosId, clip.padId, clip.unkId]).toEqual([
      idOf('<|startoftext|>'), idOf('<|endoftext|>'), idOf('<|endoftext|>'), idOf('<|endoftext|>'),
    ]);
    expect(clip.maxLength).toBe(77);
  });

  it('gives single letters the ids real CLIP gives them ("a" is 320, "!" is 256)', () => {
    expect(tokenizeWords(clip, 'a')).toEqual([320]);
    expect(tokenizeWords(clip, '!')).toEqual([256]);
  });

  it('ends every word with </w>, lowercases, and collapses whitespace', () => {
    expect(tokens('A  PHOTO\n\tof   a cat')).toEqual(['a</w>', 'photo</w>', 'of</w>', 'a</w>', 'c', 'at</w>']);
    const { ids } = tokenize(clip, 'a photo of a cat');
    expect(Array.from(ids.slice(0, 8))).toEqual([
      clip.bosId, 320, idOf('photo</w>'), idOf('of</w>'), 320, idOf('c'), idOf('at</w>'), clip.eosId,
    ]);
    expect(ids[8]).toBe(clip.padId);
  });

  it('applies merges by rank, not left to right', () => {
    // "a t</w>" (rank 0) beats "c a" (rank 1); nothing then joins "c" + "at</w>".
    expect(tokens('cat')).toEqual(['c', 'at</w>']);
    // Without "a t</w>" in play, "c a" then "ca t</w>" build the whole word.
    expect(tokens('cas')).toEqual(['ca', 's</w>']);
  });

  it('splits punctuation, contractions and each digit into their own words', () => {
    expect(tokens("cat's!! 42")).toEqual(['c', 'at</w>', "'s</w>", '!!</w>', '4</w>', '2</w>']);
    expect(tokens('of,of')).toEqual(['of</w>', ',</w>', 'of</w>']);
  });

  it('maps non-ASCII text to byte-level characters', () => {
    // é is UTF-8 c3 a9, which the byte-level alphabet writes as "Ã" and "©".
    expect(tokens('é')).toEqual(['Ã', '©</w>']);
    expect(clip.tokenizer.decode(tokenizeWords(clip, 'a photo é')).trim()).toBe('a photo é');
  });

  it('pads with "!" (id 0) when the config says so, as SD 2.x does', () => {
    const sd2 = createPromptTokenizerFromFiles({ ...files, config: { ...sd15Config, pad_token: '!' } });
    expect(sd2.padId).toBe(0);
    expect(tokenize(sd2, 'a').ids[3]).toBe(0);
  });

  it('takes special tokens from special_tokens_map.json when tokenizer_config.json omits them', () => {
    const fromMap = createPromptTokenizerFromFiles({
      ...files,
      config: { model_max_length: 77 },
      specialTokensMap: { bos_token: '<|startoftext|>', eos_token: '<|endoftext|>', pad_token: '!', unk_token: '<|endoftext|>' },
    });
    expect([fromMap.bosId, fromMap.eosId, fromMap.padId]).toEqual([idOf('<|startoftext|>'), idOf('<|endoftext|>'), 0]);
  });

  it('prefers tokenizer.json when a folder has both', () => {
    const both = createPromptTokenizerFromFiles({ ...files, tokenizerJson: readJson('tokenizer.json'), config: readJson('tokenizer_config.json') });
    expect(both.source).toBe('tokenizer.json');
  });
});

describe('parseMergesTxt', () => {
  it('skips the #version header and blank lines, keeping rank order', () => {
    expect(parseMergesTxt('#version: 0.2\nh e\r\nhe llo</w>\n\n')).toEqual([['h', 'e'], ['he', 'llo</w>']]);
    expect(parseMergesTxt('h e')).toEqual([['h', 'e']]);
  });

  it('refuses a malformed line, naming it', () => {
    expect(() => parseMergesTxt('#version: 0.2\nh e\nabc\n')).toThrow(/line 3/);
  });
});
