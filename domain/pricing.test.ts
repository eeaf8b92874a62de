import { describe, expect, it } from 'vitest';
import { priceGeneration } from './pricing';

describe('priceGeneration', () => {
  it('charges one credit per step of a 512x512 image', () => {
    expect(priceGeneration({ width: 512, height: 512, steps: 20, images: 1 })).toBe(20);
  });
  it('scales with pixels, steps and images', () => {
    expect(priceGeneration({ width: 1024, height: 1024, steps: 30, images: 2 })).toBe(240);
    expect(priceGeneration({ width: 256, height: 256, steps: 20, images: 1 })).toBe(5);
  });
  it('prices a generation of n images as n single images', () => {
    const one = priceGeneration({ width: 512, height: 512, steps: 20, images: 1 });
    expect(priceGeneration({ width: 512, height: 512, steps: 20, images: 4 })).toBe(4 * one);
  });
  it('rounds partial credits up and never charges zero', () => {
    expect(priceGeneration({ width: 64, height: 64, steps: 1, images: 1 })).toBe(1);
    expect(priceGeneration({ width: 512, height: 520, steps: 1, images: 1 })).toBe(2);
  });
});
