import { describe, expect, it } from 'vitest';
import { editOutputSize } from './edit-modes';
import { fieldErrorsOf, generationInputSchema } from './generation-params';

const ID = '6f1c2a7e-3b1d-4c55-9a0e-1f2e3d4c5b6a';
const MASK = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('edit requests', () => {
  it('infers the mode from the fields and gives each mode its own default strength', () => {
    const parse = (input: Record<string, unknown>) => generationInputSchema.parse({ prompt: 'x', ...input });
    expect(parse({ initImage: ID, mask: MASK })).toMatchObject({ mode: 'inpaint', strength: 1 });
    expect(parse({ initImage: ID, extend: { left: 16 } })).toMatchObject({ mode: 'outpaint', strength: 1, extend: { left: 16, right: 0, top: 0, bottom: 0 } });
    expect(parse({ initImage: ID, scale: 2 })).toMatchObject({ mode: 'upscale', strength: 0.3 });
    expect(parse({ initImage: ID, mode: 'upscale', strength: 0.5 })).toMatchObject({ strength: 0.5 });
    expect(parse({ initImage: ID })).toMatchObject({ strength: 0.6 });
    expect(parse({ initImage: ID }).mode).toBeUndefined();
  });

  it('names the field an edit lacks or does not take', () => {
    const errors = (input: Record<string, unknown>) => {
      const r = generationInputSchema.safeParse({ prompt: 'x', ...input });
      return r.success ? {} : fieldErrorsOf(r.error);
    };
    expect(errors({ mode: 'inpaint', initImage: ID })).toEqual({ mask: 'Paint a mask: inpainting repaints what it marks.' });
    expect(errors({ mode: 'outpaint', initImage: ID })).toEqual({ extend: 'Say how far to extend each side.' });
    expect(errors({ mode: 'upscale' })).toEqual({ initImage: 'Choose the image to edit.' });
    expect(errors({ initImage: ID, mode: 'upscale', mask: MASK })).toEqual({ mask: 'A mask is for inpainting (mode "inpaint").' });
    expect(errors({ initImage: ID, extend: {} })).toEqual({ extend: 'Extend at least one side.' });
    expect(errors({ initImage: ID, extend: { left: 600 } })).toMatchObject({ extend: expect.stringMatching(/at most 512/) });
    expect(errors({ initImage: ID, scale: 4 })).toEqual({ scale: 'Scale must be 2: upscaling doubles the image.' });
    expect(errors({ initImage: ID, mask: MASK, maskFeather: 65 })).toEqual({ maskFeather: 'Feather must be at most 64 pixels.' });
  });

  it('sizes the output on the 8-pixel grid', () => {
    expect(editOutputSize('inpaint', 300, 200)).toEqual({ width: 304, height: 200 });
    expect(editOutputSize('outpaint', 64, 64, { left: 1, right: 20, top: 0, bottom: 8 })).toEqual({ width: 64 + 8 + 24, height: 72 });
    expect(editOutputSize('upscale', 128, 96)).toEqual({ width: 256, height: 192 });
  });
});
