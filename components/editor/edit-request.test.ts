import { describe, expect, it } from 'vitest';
import { defaultSteps, editEstimate, editInput, type EditSource } from './edit-request';

const source: EditSource = {
  id: '6f1c1a52-9d8e-4f57-9a51-0c3a3d1c2b11',
  url: '/x.png',
  width: 512,
  height: 512,
  prompt: 'a red disc',
  negativePrompt: 'blurry',
  model: 'demo',
  sampler: 'ddim',
  guidance: 7.5,
  steps: 20,
};
const settings = { prompt: 'a green disc', strength: 0.8, steps: 20, feather: 6 };

describe('editInput', () => {
  it('asks for an inpaint of the image with the uploaded mask and feather, and no size', () => {
    const input = editInput('inpaint', source, settings, { maskId: 'mask-id' });
    expect(input).toMatchObject({ mode: 'inpaint', initImage: source.id, mask: 'mask-id', maskFeather: 6, prompt: 'a green disc', strength: 0.8, model: 'demo', negativePrompt: 'blurry' });
    expect(input).not.toHaveProperty('width');
    expect(input).not.toHaveProperty('scale');
  });

  it('asks for an outpaint with the sides and no mask', () => {
    const extend = { left: 64, right: 64, top: 0, bottom: 0 };
    const input = editInput('extend', source, settings, { extend });
    expect(input).toMatchObject({ mode: 'outpaint', extend });
    expect(input).not.toHaveProperty('mask');
  });

  it('asks for an upscale by two', () => {
    expect(editInput('upscale', source, settings, {})).toMatchObject({ mode: 'upscale', scale: 2 });
  });
});

describe('editEstimate', () => {
  it('prices an upscale by the doubled size and the steps its strength runs', () => {
    // 1024 x 1024 for 6 of 20 steps (strength 0.3): 4 credits per step.
    expect(editEstimate('upscale', source, { steps: 20, strength: 0.3 })).toEqual({ width: 1024, height: 1024, steps: 6, credits: 24 });
  });

  it('prices an extension by the grown canvas', () => {
    const e = editEstimate('extend', source, { steps: 10, strength: 1 }, { left: 0, right: 0, top: 256, bottom: 256 });
    expect(e).toMatchObject({ width: 512, height: 1024, credits: 20 });
  });
});

describe('defaultSteps', () => {
  it('keeps the image\'s steps for repaints and gives the hires pass at least 20', () => {
    expect(defaultSteps('inpaint', 4)).toBe(4);
    expect(defaultSteps('upscale', 4)).toBe(20);
    expect(defaultSteps('upscale', 30)).toBe(30);
  });
});
