import { describe, expect, it } from 'vitest';
import { defaultValues, restoreValues } from './generator-form';

const models = [{ id: 'kumori-demo', nativeWidth: 128, nativeHeight: 128 }];
const initial = defaultValues(models[0], 'kumori-demo', 'free');

describe('restoreValues', () => {
  it('brings back the stored fields over the defaults', () => {
    const restored = restoreValues({ prompt: 'a red circle', width: '256', n: '4' }, initial, models, 'free');
    expect(restored).toMatchObject({ prompt: 'a red circle', width: '256', n: '4', height: '128', model: 'kumori-demo' });
  });

  it('drops a model that is gone, a tier the plan lost, and anything that is not a form field', () => {
    const restored = restoreValues({ model: 'sd15', tier: 'turbo', evil: 'x', steps: 12 }, initial, models, 'free');
    expect(restored.model).toBe('kumori-demo');
    expect(restored.tier).toBe('relax');
    expect(restored.steps).toBe('20');
    expect(restored).not.toHaveProperty('evil');
  });

  it('ignores a corrupt entry', () => {
    expect(restoreValues('nonsense', initial, models, 'free')).toEqual(initial);
  });
});
