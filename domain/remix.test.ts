import { describe, expect, it } from 'vitest';
import { isRemixMode, remixFields, type RemixSource } from './remix';

const source: RemixSource = {
  imageId: '00000000-0000-4000-8000-000000000001',
  seed: 43,
  params: { prompt: 'a red circle', negativePrompt: 'blur', width: 256, height: 192, steps: 30, guidance: 6, sampler: 'euler', model: 'kumori-demo' },
};

describe('remixFields', () => {
  it('Use settings fills every parameter with the image’s own seed', () => {
    expect(remixFields(source, 'settings')).toEqual({
      prompt: 'a red circle', negativePrompt: 'blur', width: '256', height: '192', steps: '30', guidance: '6', sampler: 'euler', model: 'kumori-demo', style: '', seed: '43', n: '1',
    });
  });

  it('Reuse seed changes only the seed', () => {
    expect(remixFields(source, 'seed')).toEqual({ seed: '43' });
  });

  it('Vary takes the settings with a fresh seed and the strength of the chosen variation', () => {
    expect(remixFields(source, 'vary-subtle')).toMatchObject({ prompt: 'a red circle', seed: '', strength: '0.35' });
    expect(Number(remixFields(source, 'vary-strong').strength)).toBeGreaterThan(Number(remixFields(source, 'vary-subtle').strength));
  });

  it('knows its modes', () => {
    expect(isRemixMode('vary-strong')).toBe(true);
    expect(isRemixMode('vary')).toBe(false);
  });
});
