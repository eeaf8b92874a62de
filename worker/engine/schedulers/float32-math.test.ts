import { describe, expect, it } from 'vitest';
import { fma32, numpyLog32 } from './float32-math';

describe('fma32', () => {
  it('rounds a*b + c once, like an FMA instruction', () => {
    const a = Math.fround(1 + 2 ** -12);
    // a*a = 1 + 2^-11 + 2^-24 exactly: rounding the product first would lose the 2^-24.
    expect(fma32(a, a, -1)).toBe(2 ** -11 + 2 ** -24);
    expect(Math.fround(Math.fround(a * a) - 1)).toBe(2 ** -11);
  });

  it('settles a float32 tie that the double sum creates, from the exact remainder', () => {
    // a*b + c = 1 + 2^-23 + 2^-24 - 2^-60: just below a float32 tie, which the double sum rounds onto.
    const a = 2 ** -24 * (1 - 2 ** -18);
    const b = 1 + 2 ** -18;
    const c = Math.fround(1 + 2 ** -23);
    expect(Math.fround(a * b + c)).toBe(Math.fround(1 + 2 ** -22));
    expect(fma32(a, b, c)).toBe(c);
  });
});

describe('numpyLog32', () => {
  it('equals numpy.log on float32 inputs, including where it is not the correctly rounded log', () => {
    // Reference values printed by numpy on x86 (AVX2 / AVX512F kernels).
    const cases: Array<[number, number]> = [
      [0.5, -0.6931471824645996],
      [14.61460018157959, 2.682021141052246],
      [5.5378241539001465, 1.711601734161377],
      [0.7918575406074524, -0.233373761177063],
      [12.826563835144043, 2.551518440246582],
    ];
    for (const [x, expected] of cases) expect(numpyLog32(x)).toBe(expected);
    expect(Math.fround(Math.log(5.5378241539001465))).not.toBe(1.711601734161377);
  });
});
