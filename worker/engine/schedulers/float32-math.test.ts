import { describe, expect, it } from 'vitest';
import { fma32, numpyLog32 } from './float32-math';

describe('fma32', () => {
  it('rounds a*b + c once, like an FMA instruction', () => {
    const a = Math.fround(1 + 2 ** -12);
    // a*a = 1 + 2^-11 + 2^-24 exactly; separate rounding loses the 2^-24, a fused one keeps it in the tie-break.
    expect(fma32(a, a, 0)).toBe(Math.fround(1 + 2 ** -11));
    expect(fma32(a, a, -1)).toBe(2 ** -11 + 2 ** -24);
  });

  it('breaks a float32 tie that the double sum hides, using the exact remainder', () => {
    // 1 + 2^-24 is exactly halfway between two float32s; the tiny extra term decides it upward.
    const tiny = 2 ** -60;
    expect(fma32(2 ** -24, 1, 1 + tiny)).toBe(Math.fround(1 + 2 ** -23));
    expect(fma32(2 ** -24, 1, 1 - tiny)).toBe(1);
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
