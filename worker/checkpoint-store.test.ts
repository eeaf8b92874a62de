import { describe, expect, it } from 'vitest';
import type { Checkpoint } from './engine/checkpoint';
import { CheckpointFormatError, decodeCheckpoint, encodeCheckpoint } from './checkpoint-store';

const checkpoint: Checkpoint = {
  step: 5,
  steps: 20,
  latents: Float32Array.from({ length: 4 * 8 * 8 }, (_, i) => Math.sin(i) * 3),
  scheduler: {
    kind: 'DPMSolverMultistepScheduler',
    counters: { stepIndex: 5, beginIndex: null, lowerOrderSteps: 2 },
    arrays: {
      timesteps: Float64Array.from([999, 949.6543, 0.1 + 0.2, -0, 0]),
      sigmas: Float64Array.from([14.6, 1e-300, Number.NaN, 0]),
      previousX0: Float32Array.from([1.5, -0, Number.NaN, -2.25]),
    },
  },
  rng: [0, 1, 2 ** 31, 2 ** 32 - 1],
  fingerprint: 'f'.repeat(32),
};

const bits = (a: Float32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('checkpoint encoding', () => {
  it('round-trips every value bit for bit, -0 and NaN included', () => {
    const back = decodeCheckpoint(encodeCheckpoint(checkpoint));
    expect({ ...back, latents: null, scheduler: null }).toEqual({ ...checkpoint, latents: null, scheduler: null });
    expect(bits(back.latents)).toEqual(bits(checkpoint.latents));
    expect(back.scheduler.kind).toBe(checkpoint.scheduler.kind);
    expect(back.scheduler.counters).toEqual(checkpoint.scheduler.counters);
    for (const [name, values] of Object.entries(checkpoint.scheduler.arrays)) {
      expect(back.scheduler.arrays[name].constructor).toBe(values.constructor);
      expect(bits(back.scheduler.arrays[name])).toEqual(bits(values));
    }
  });

  it('round-trips the noise streams of a batch, four state words per image', () => {
    const batch = { ...checkpoint, latents: Float32Array.from({ length: 2 * 4 * 8 * 8 }, (_, i) => i), rng: [1, 2, 3, 4, 5, 6, 7, 2 ** 32 - 1] };
    const back = decodeCheckpoint(encodeCheckpoint(batch));
    expect(back.rng).toEqual(batch.rng);
    expect(bits(back.latents)).toEqual(bits(batch.latents));
  });

  it('is compact: the latents as 4 raw bytes each plus a small header', () => {
    const bytes = encodeCheckpoint(checkpoint);
    expect(bytes.length).toBeLessThan(checkpoint.latents.byteLength + 5 * 8 + 4 * 8 + 4 * 4 + 600);
  });

  it('reads latents that do not start on an aligned offset of the reply', () => {
    const bytes = encodeCheckpoint(checkpoint);
    const shifted = Buffer.concat([Buffer.from([7]), bytes]).subarray(1);
    expect(bits(decodeCheckpoint(shifted).latents)).toEqual(bits(checkpoint.latents));
  });

  it('refuses what is not a whole checkpoint', () => {
    const bytes = encodeCheckpoint(checkpoint);
    expect(() => decodeCheckpoint(Buffer.from('hello world'))).toThrow(CheckpointFormatError);
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 1))).toThrow(CheckpointFormatError);
    expect(() => decodeCheckpoint(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(CheckpointFormatError);
    const badHeader = Buffer.from(bytes);
    badHeader.write('#', 8);
    expect(() => decodeCheckpoint(badHeader)).toThrow(CheckpointFormatError);
  });
});
