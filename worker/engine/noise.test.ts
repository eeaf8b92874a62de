import { describe, expect, it } from 'vitest';
import { createRng, rngFromState, standardNormal } from './noise';

describe('seeded noise', () => {
  it('gives the same numbers for the same seed', () => {
    const a = standardNormal(createRng(1234), 1001);
    const b = standardNormal(createRng(1234), 1001);
    expect(Buffer.from(a.buffer)).toEqual(Buffer.from(b.buffer));
  });

  it('gives different numbers for neighbouring seeds, including beyond 32 bits', () => {
    const base = standardNormal(createRng(7), 64);
    for (const seed of [8, 7 + 2 ** 32]) {
      const other = standardNormal(createRng(seed), 64);
      expect(other.some((v, i) => v !== base[i])).toBe(true);
    }
  });

  it('draws standard normals', () => {
    const n = 200_000;
    const x = standardNormal(createRng(42), n);
    let sum = 0;
    let sumSq = 0;
    let beyond2 = 0;
    for (const v of x) {
      sum += v;
      sumSq += v * v;
      if (Math.abs(v) > 2) beyond2++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - mean * mean - 1)).toBeLessThan(0.015);
    expect(beyond2 / n).toBeCloseTo(0.0455, 2); // two-sided tail of N(0,1) beyond 2 sigma
  });

  it('continues one stream across calls instead of restarting it', () => {
    const rng = createRng(5);
    const first = standardNormal(rng, 4);
    const second = standardNormal(rng, 4);
    expect(Array.from(second)).not.toEqual(Array.from(first));
    expect(Array.from(standardNormal(createRng(5), 8))).toEqual([...first, ...second]);
  });

  it('continues the same stream from a saved state, which is a copy', () => {
    const rng = createRng(2 ** 40 + 3);
    standardNormal(rng, 7);
    const saved = rng.state();
    const expected = standardNormal(rng, 9);
    expect(saved).toHaveLength(4);
    expect(saved.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)).toBe(true);
    expect(Array.from(standardNormal(rngFromState(saved), 9))).toEqual(Array.from(expected));
    expect(Array.from(standardNormal(rngFromState(JSON.parse(JSON.stringify(saved))), 9))).toEqual(Array.from(expected));
  });

  it('refuses a state that is not one', () => {
    expect(() => rngFromState([0, 0, 0, 0])).toThrow(RangeError);
    expect(() => rngFromState([1, 2, 3])).toThrow(RangeError);
    expect(() => rngFromState([1, 2, 3, 2 ** 32])).toThrow(RangeError);
  });

  it('rejects seeds that cannot be represented exactly', () => {
    expect(() => createRng(-1)).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
  });
});
