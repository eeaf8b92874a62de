import { describe, expect, it } from 'vitest';
import { timestepTensor, tokenIdsTensor } from './graph-inputs';

describe('timestepTensor', () => {
  it('feeds int64 exports one BigInt per batch item', () => {
    const tensor = timestepTensor({ name: 'timestep', type: 'int64', layout: 'batch' }, 951, 2);
    expect(tensor.type).toBe('int64');
    expect(tensor.dims).toEqual([2]);
    expect(Array.from(tensor.data as BigInt64Array)).toEqual([951n, 951n]);
  });

  it('feeds float32 exports floats, truncating nothing', () => {
    const tensor = timestepTensor({ name: 'timestep', type: 'float32', layout: 'batch' }, 499.5, 2);
    expect(tensor.type).toBe('float32');
    expect(Array.from(tensor.data as Float32Array)).toEqual([499.5, 499.5]);
  });

  it('honours graphs that declare a single timestep or a scalar', () => {
    const single = timestepTensor({ name: 't', type: 'float32', layout: 'single' }, 1, 2);
    expect(single.dims).toEqual([1]);
    const scalar = timestepTensor({ name: 't', type: 'int32', layout: 'scalar' }, 1.9, 2);
    expect(scalar.dims).toEqual([]);
    expect(Array.from(scalar.data as Int32Array)).toEqual([1]);
  });
});

describe('tokenIdsTensor', () => {
  it('shapes ids as [batch, length] in the declared integer type', () => {
    const ids = Int32Array.from([1, 2, 3, 4, 5, 6]);
    const int32 = tokenIdsTensor('int32', ids, 2);
    expect([int32.type, int32.dims]).toEqual(['int32', [2, 3]]);
    const int64 = tokenIdsTensor('int64', ids, 2);
    expect(int64.type).toBe('int64');
    expect(Array.from(int64.data as BigInt64Array)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
  });
});
