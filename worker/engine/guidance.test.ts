import { describe, expect, it } from 'vitest';
import { applyGuidance } from './guidance';

describe('applyGuidance', () => {
  it('extrapolates from the unconditional half towards the conditional half', () => {
    const batched = Float32Array.from([1, 2, /* cond */ 3, 0]);
    expect(Array.from(applyGuidance(batched, 2, 7.5))).toEqual([1 + 7.5 * 2, 2 - 7.5 * 2]);
  });

  it('returns the conditional prediction at scale 1', () => {
    expect(Array.from(applyGuidance(Float32Array.from([5, 6, 7, 8]), 2, 1))).toEqual([7, 8]);
  });

  it('refuses an output that is not two items', () => {
    expect(() => applyGuidance(new Float32Array(3), 2, 7)).toThrow(/batch of 2/);
  });
});
