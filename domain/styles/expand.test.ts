import { describe, expect, it } from 'vitest';
import { LIMITS } from '../generation-params';
import { expandNegativePrompt, expandPrompt, expandPrompts, promptsToRun } from './expand';

const neon = { name: 'Neon', template: '{prompt}, {tokens}', tokens: ['neon lights', 'night'], negativePrompt: 'dull' };

describe('style prompt expansion', () => {
  it('puts the prompt and the tokens in their placeholders', () => {
    expect(expandPrompt(neon, 'a red circle')).toBe('a red circle, neon lights, night');
    expect(expandPrompt({ ...neon, template: 'poster of {prompt} in {tokens} style' }, 'a cat')).toBe('poster of a cat in neon lights, night style');
  });

  it('appends the tokens when the template has no {tokens}', () => {
    expect(expandPrompt({ ...neon, template: 'photo of {prompt}' }, 'a cat')).toBe('photo of a cat, neon lights, night');
  });

  it('leaves no dangling commas when there are no tokens', () => {
    expect(expandPrompt({ ...neon, tokens: [] }, 'a cat')).toBe('a cat');
    expect(expandPrompt({ ...neon, template: '{tokens}, {prompt}', tokens: [] }, 'a cat')).toBe('a cat');
  });

  it('keeps $ patterns in the prompt literal', () => {
    expect(expandPrompt({ ...neon, tokens: [] }, "costs $& and $'")).toBe("costs $& and $'");
  });

  it('adds the style negative prompt after the user one', () => {
    expect(expandNegativePrompt(neon, 'blurry')).toBe('blurry, dull');
    expect(expandNegativePrompt(neon, '')).toBe('dull');
    expect(expandNegativePrompt({ ...neon, negativePrompt: '' }, '')).toBe('');
  });

  it('refuses an expanded prompt past the limit and says how much room the style leaves', () => {
    const added = ', neon lights, night'.length;
    const r = expandPrompts(neon, { prompt: 'x'.repeat(LIMITS.promptMax), negativePrompt: '' });
    expect(r).toEqual({ ok: false, field: 'prompt', message: `With the Neon style the prompt must be at most ${LIMITS.promptMax - added} characters.` });
    expect(expandPrompts(neon, { prompt: 'x'.repeat(LIMITS.promptMax - added), negativePrompt: '' }).ok).toBe(true);
  });

  it('runs the expanded prompts when params have them, the plain ones otherwise', () => {
    expect(promptsToRun({ prompt: 'a', negativePrompt: 'b' })).toEqual({ prompt: 'a', negativePrompt: 'b' });
    expect(promptsToRun({ prompt: 'a', negativePrompt: 'b', expandedPrompt: 'a, neon', expandedNegativePrompt: 'b, dull' })).toEqual({ prompt: 'a, neon', negativePrompt: 'b, dull' });
  });
});
