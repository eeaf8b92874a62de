import { describe, expect, it } from 'vitest';
import { effectiveSteps, fieldErrorsOf, generationInputSchema, imageCount, imageGridColumns, imageSeed, LIMITS } from './generation-params';

const valid = { prompt: 'a red circle', width: '512', height: '384', steps: '20', guidance: '7.5', seed: '42', sampler: 'ddim' };

describe('generation input validation', () => {
  it('coerces form strings into typed parameters', () => {
    const r = generationInputSchema.parse(valid);
    expect(r).toMatchObject({ prompt: 'a red circle', width: 512, height: 384, steps: 20, guidance: 7.5, seed: 42 });
  });

  it('treats an empty seed as "choose one"', () => {
    expect(generationInputSchema.parse({ ...valid, seed: '' }).seed).toBeUndefined();
  });

  it.each([
    [{ prompt: '   ' }, 'prompt', 'Enter a prompt.'],
    [{ prompt: 'x'.repeat(1001) }, 'prompt', 'Prompt must be at most 1000 characters.'],
    [{ width: '500' }, 'width', 'Width must be a multiple of 8.'],
    [{ height: '2048' }, 'height', 'Height must be at most 1024.'],
    [{ width: '32' }, 'width', 'Width must be at least 64.'],
    [{ steps: '0' }, 'steps', 'Steps must be at least 1.'],
    [{ steps: '2.5' }, 'steps', 'Steps must be a whole number.'],
    [{ guidance: '31' }, 'guidance', 'Guidance must be at most 30.'],
    [{ guidance: 'abc' }, 'guidance', 'Guidance must be a number.'],
    [{ seed: '-1' }, 'seed', 'Seed must be 0 or more.'],
    [{ n: '5' }, 'n', 'Images must be at most 4.'],
    [{ n: 0 }, 'n', 'Images must be at least 1.'],
    [{ n: '1.5' }, 'n', 'Images must be a whole number.'],
    [{ n: 'two' }, 'n', 'Images must be a number.'],
    [{ sampler: 'plms' }, 'sampler', 'Sampler must be one of: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, lcm.'],
  ])('rejects %j with a message on the field', (patch, field, message) => {
    const r = generationInputSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)).toMatchObject({ [field]: message });
  });

  it('accepts what the generator form sends: decimal strings, a blank seed, a blank init image', () => {
    const form = { prompt: 'a red circle', negativePrompt: '', width: '512', height: '512', steps: '20', guidance: '7.5', seed: '', sampler: 'ddim', model: 'tiny-sd', strength: '0.6', tier: 'fast', initImage: '' };
    expect(generationInputSchema.parse(form)).toEqual({
      prompt: 'a red circle', negativePrompt: '', width: 512, height: 512, steps: 20, guidance: 7.5, n: 1, sampler: 'ddim', model: 'tiny-sd', strength: 0.6, tier: 'fast',
    });
    expect(generationInputSchema.parse({ ...form, n: ' 3 ' }).n).toBe(3);
    expect(generationInputSchema.parse({ prompt: 'x', width: 256, guidance: 0, strength: '.5', seed: 0 })).toMatchObject({ width: 256, guidance: 0, strength: 0.5, seed: 0 });
  });

  it.each([
    [{ guidance: '' }, 'guidance', 'Guidance must be a number.'],
    [{ steps: '' }, 'steps', 'Steps must be a number.'],
    [{ steps: true }, 'steps', 'Steps must be a number.'],
    [{ width: '0x80' }, 'width', 'Width must be a number.'],
    [{ height: '1e3' }, 'height', 'Height must be a number.'],
    [{ strength: false }, 'strength', 'Strength must be a number.'],
    [{ guidance: null }, 'guidance', 'Guidance must be a number.'],
    [{ seed: [7] }, 'seed', 'Seed must be a number.'],
    [{ seed: 'Infinity' }, 'seed', 'Seed must be a number.'],
  ])('refuses the loosely numeric %j instead of coercing it', (patch, field, message) => {
    const r = generationInputSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)).toEqual({ [field]: message });
  });

  it.each([
    ['prompt', 'a red\u0000 circle'],
    ['prompt', 'a red circle \ud83d'],
    ['negativePrompt', 'blur\u0007'],
    ['model', 'tiny\u0000sd'],
  ])('refuses a %s Postgres could not store, with a message on the field', (field, text) => {
    const r = generationInputSchema.safeParse({ ...valid, [field]: text });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)[field as 'prompt']).toMatch(/contains a character that cannot be saved/);
  });

  it('keeps emoji, tabs and newlines in a prompt', () => {
    expect(generationInputSchema.parse({ ...valid, prompt: 'a 🐱\tcat\non a mat' }).prompt).toBe('a 🐱\tcat\non a mat');
  });
});

describe('images per generation', () => {
  it('defaults to one image, and reads rows written before n existed as one', () => {
    expect(generationInputSchema.parse(valid).n).toBe(1);
    expect(imageCount({})).toBe(1);
    expect(imageCount({ n: 4 })).toBe(4);
  });

  it('gives image i the seed seed + i, and image 0 the request seed itself', () => {
    expect([0, 1, 2, 3].map((i) => imageSeed(42, i))).toEqual([42, 43, 44, 45]);
  });

  it('wraps past the largest seed to 0, so every image seed is one a request accepts', () => {
    expect([0, 1, 2, 3].map((i) => imageSeed(LIMITS.seedMax - 1, i))).toEqual([LIMITS.seedMax - 1, LIMITS.seedMax, 0, 1]);
    for (let i = 0; i < 4; i++) expect(generationInputSchema.safeParse({ ...valid, seed: imageSeed(LIMITS.seedMax, i) }).success).toBe(true);
  });

  it('lays images out in a row of up to three, four as two by two', () => {
    expect([1, 2, 3, 4].map(imageGridColumns)).toEqual([1, 2, 3, 2]);
  });
});

describe('effectiveSteps', () => {
  it('runs every step from text, strength x steps from an image, and every step of LCM', () => {
    expect(effectiveSteps({ steps: 50, strength: 0.5 })).toBe(50);
    expect(effectiveSteps({ steps: 50, strength: 0.5, initImage: 'u' })).toBe(25);
    expect(effectiveSteps({ steps: 50, strength: 0.8, initImage: 'u' })).toBe(40);
    expect(effectiveSteps({ steps: 10, strength: 0.05, initImage: 'u' })).toBe(1);
    expect(effectiveSteps({ steps: 4, strength: 0.5, initImage: 'u', sampler: 'lcm' })).toBe(4);
  });
});
