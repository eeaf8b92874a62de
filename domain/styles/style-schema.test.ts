import { describe, expect, it } from 'vitest';
import { generationInputSchema } from '../generation-params';
import { defaultEffect, EFFECT_KINDS, EFFECT_PARAMS, styleEffectSchema } from './effects';
import { styleDefinitionSchema } from './style-schema';

const base = { slug: 'my-style', name: 'Mine', template: '{prompt}, glowing' };
const messageOf = (input: unknown) => {
  const r = styleDefinitionSchema.safeParse(input);
  return r.success ? null : r.error.issues[0].message;
};

describe('style definition schema', () => {
  it('accepts a minimal style and fills the defaults', () => {
    expect(styleDefinitionSchema.parse(base)).toEqual({ ...base, description: '', tokens: [], negativePrompt: '', overrides: {}, effects: [] });
  });

  it('refuses a template without {prompt}', () => {
    expect(messageOf({ ...base, template: 'glowing neon' })).toBe("The template must contain {prompt}, where the user's prompt goes.");
  });

  it.each([
    ['Pop Art', 'A style slug uses lowercase letters, digits and dashes, such as "pop-art".'],
    ['pop art', 'A style slug uses lowercase letters, digits and dashes, such as "pop-art".'],
    ['-pop', 'A style slug uses lowercase letters, digits and dashes, such as "pop-art".'],
    ['none', 'The slug "none" means no style; choose another.'],
  ])('refuses the slug %j', (slug, message) => {
    // Upper case is lowered first, so "Pop Art" fails on its space, not its capitals.
    expect(messageOf({ ...base, slug })).toBe(message);
  });

  it('refuses overrides outside the generator limits, naming the field', () => {
    expect(messageOf({ ...base, overrides: { steps: 500 } })).toBe('Steps must be at most 100.');
    expect(messageOf({ ...base, overrides: { width: 100 } })).toBe('Width must be a multiple of 8.');
    expect(messageOf({ ...base, overrides: { sampler: 'magic' } })).toMatch(/^Sampler must be one of: ddim, /);
    expect(messageOf({ ...base, overrides: { seed: 1 } })).not.toBeNull();
  });

  it('refuses effect parameters out of bounds with the effect and parameter named', () => {
    expect(messageOf({ ...base, effects: [{ kind: 'posterize', levels: 1 }] })).toBe('Posterize: levels per channel must be at least 2.');
    expect(messageOf({ ...base, effects: [{ kind: 'posterize', levels: 3.5 }] })).toBe('Posterize: levels per channel must be a whole number.');
    expect(messageOf({ ...base, effects: [{ kind: 'blur', sigma: 50 }] })).toBe('Blur: radius must be at most 20.');
    expect(messageOf({ ...base, effects: [{ kind: 'duotone', shadow: 'blue', highlight: '#ffffff' }] })).toBe('Duotone: shadow colour must be a colour like #1b1d4d.');
    expect(messageOf({ ...base, effects: [{ kind: 'swirl' }] })).toMatch(/^Effect kind must be one of: enhance, contrast/);
    expect(messageOf({ ...base, effects: Array.from({ length: 9 }, () => ({ kind: 'blur', sigma: 1 })) })).toBe('A style has at most 8 effects.');
  });

  it('gives every effect kind defaults inside its own bounds', () => {
    for (const kind of EFFECT_KINDS) {
      expect(styleEffectSchema.safeParse(defaultEffect(kind)).success, kind).toBe(true);
      expect(EFFECT_PARAMS[kind].length).toBeGreaterThan(0);
    }
  });
});

describe('the request style field', () => {
  it('takes a slug, lowers it, and reads empty or "none" as no style', () => {
    const valid = { prompt: 'a cat' };
    expect(generationInputSchema.parse({ ...valid, style: ' Neon ' }).style).toBe('neon');
    expect(generationInputSchema.parse({ ...valid, style: '' }).style).toBeUndefined();
    expect(generationInputSchema.parse({ ...valid, style: 'none' }).style).toBeUndefined();
    expect(generationInputSchema.parse(valid).style).toBeUndefined();
    const bad = generationInputSchema.safeParse({ ...valid, style: 'neon!' });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['style'] });
  });
});
