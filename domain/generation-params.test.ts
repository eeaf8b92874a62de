import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, generationInputSchema } from './generation-params';

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
    [{ sampler: 'plms' }, 'sampler', 'Sampler must be one of: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, lcm.'],
  ])('rejects %j with a message on the field', (patch, field, message) => {
    const r = generationInputSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)).toMatchObject({ [field]: message });
  });
});
