import { describe, expect, it } from 'vitest';
import { PROMPT_HISTORY_MAX, rememberPrompt, searchPromptHistory } from './prompt-history';

describe('rememberPrompt', () => {
  it('puts the newest first, moves a repeat to the front and keeps at most 50', () => {
    let h: string[] = [];
    for (let i = 0; i < 60; i++) h = rememberPrompt(h, `prompt ${i}`);
    expect(h).toHaveLength(PROMPT_HISTORY_MAX);
    expect(h[0]).toBe('prompt 59');
    h = rememberPrompt(h, '  prompt 30 ');
    expect(h[0]).toBe('prompt 30');
    expect(h.filter((p) => p === 'prompt 30')).toHaveLength(1);
    expect(rememberPrompt(h, '   ')).toEqual(h);
  });
});

describe('searchPromptHistory', () => {
  const h = ['a large red circle', 'a small blue square on the left', 'Red triangle at the top'];
  it('matches every word in any order and case', () => {
    expect(searchPromptHistory(h, 'red')).toEqual(['a large red circle', 'Red triangle at the top']);
    expect(searchPromptHistory(h, 'top RED')).toEqual(['Red triangle at the top']);
    expect(searchPromptHistory(h, 'green')).toEqual([]);
    expect(searchPromptHistory(h, '  ')).toEqual(h);
  });
});
