import { describe, expect, it } from 'vitest';
import type { UnetGraph } from './diffusion-model';
import { fixedUnetBatch, planUnetCalls } from './unet-calls';

const unetWithBatch = (batch: number | string): UnetGraph =>
  ({
    sampleName: 'sample',
    session: { inputMetadata: [{ name: 'sample', isTensor: true, type: 'float32', shape: [batch, 4, 'height', 'width'] }] },
  }) as unknown as UnetGraph;

describe('planUnetCalls', () => {
  it('runs the whole batch in one call when nothing limits it', () => {
    expect(planUnetCalls(8, { fixed: null })).toEqual([{ start: 0, count: 8, batch: 8 }]);
  });

  it('splits into calls of at most the model limit', () => {
    expect(planUnetCalls(8, { fixed: null, max: 3 })).toEqual([
      { start: 0, count: 3, batch: 3 },
      { start: 3, count: 3, batch: 3 },
      { start: 6, count: 2, batch: 2 },
    ]);
  });

  it('feeds a fixed-batch graph exactly its batch, padding the last call', () => {
    expect(planUnetCalls(3, { fixed: 2 })).toEqual([
      { start: 0, count: 2, batch: 2 },
      { start: 2, count: 1, batch: 2 },
    ]);
    expect(planUnetCalls(2, { fixed: 1, max: 8 })).toEqual([
      { start: 0, count: 1, batch: 1 },
      { start: 1, count: 1, batch: 1 },
    ]);
  });
});

describe('fixedUnetBatch', () => {
  it('reads a numeric batch axis as fixed and a named or unknown one as dynamic', () => {
    expect(fixedUnetBatch(unetWithBatch(2))).toBe(2);
    expect(fixedUnetBatch(unetWithBatch('batch'))).toBeNull();
    expect(fixedUnetBatch(unetWithBatch(-1))).toBeNull();
  });
});
