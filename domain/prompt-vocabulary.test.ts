import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, promptPieces, tokenLimitWarning, unknownWords } from './prompt-vocabulary';

const vocab = new Set(['a', 'large', 'red', 'circle', 'on', 'blue', 'background', ',', 'the', 'left']);

describe('unknownWords', () => {
  it('names each unknown word once, in the order typed, whatever the case and punctuation', () => {
    expect(unknownWords('A large red Cat, on a blue background with an astronaut and a cat', vocab)).toEqual(['cat', 'with', 'an', 'astronaut', 'and']);
  });

  it('ignores weights, brackets, BREAK, numbers and punctuation', () => {
    expect(unknownWords('(red:1.3) [circle] BREAK on the left, 4 !!', vocab)).toEqual([]);
  });

  it('knows every word of a prompt made of the vocabulary', () => {
    expect(unknownWords('a large red circle on the left', vocab)).toEqual([]);
  });
});

describe('token counting', () => {
  it('counts words and punctuation runs as a whitespace pre-tokenizer does', () => {
    expect(promptPieces('A red circle, on the left!')).toEqual(['a', 'red', 'circle', ',', 'on', 'the', 'left', '!']);
    expect(estimatePromptTokens('(red:1.5) circle')).toBe(2);
  });

  it('warns only past the limit, saying whether the count is exact', () => {
    const long = Array.from({ length: 80 }, () => 'red').join(' ');
    expect(tokenLimitWarning('a red circle', 75, true)).toBeNull();
    expect(tokenLimitWarning(long, 75, true)).toBe('This prompt is 80 tokens; the model reads 75 at a time, so the words past that may be dropped.');
    expect(tokenLimitWarning(long, 75, false)).toMatch(/^This prompt is at least 80 tokens/);
  });
});
