import { describe, expect, it } from 'vitest';
import { applyTokenWeights } from './apply-weights';

const DIM = 4;
const hidden = () => Float32Array.from({ length: 5 * DIM }, (_, i) => Math.sin(i + 1) + 0.3);
const mean = (values: Float32Array) => values.reduce((a, b) => a + b, 0) / values.length;

describe('applyTokenWeights', () => {
  it('leaves a chunk with all weights 1 bit-for-bit unchanged', () => {
    const states = hidden();
    applyTokenWeights(states, new Float32Array(5).fill(1), DIM);
    expect(states).toEqual(hidden());
  });

  it('scales each token by its weight, then restores the chunk mean (A1111 "Original" emphasis)', () => {
    const before = hidden();
    const states = hidden();
    const weights = Float32Array.from([1, 1.5, 1, 0.5, 1]);
    applyTokenWeights(states, weights, DIM);
    expect(mean(states)).toBeCloseTo(mean(before), 5);
    const rescale = states[0] / before[0];
    for (let t = 0; t < 5; t++) {
      for (let d = 0; d < DIM; d++) {
        expect(states[t * DIM + d]).toBeCloseTo(before[t * DIM + d] * weights[t] * rescale, 5);
      }
    }
  });

  it('stays finite when the weights zero the mean out', () => {
    const states = hidden();
    applyTokenWeights(states, new Float32Array(5).fill(0), DIM);
    expect(states.every((v) => v === 0)).toBe(true);
  });
});
