/**
 * Float32 arithmetic as torch and numpy do it on x86, where a schedule decides discrete outcomes.
 * Most scheduler maths runs in float64 here (closer to exact than diffusers' float32, within
 * ~1e-6 relative of it); these exist for the few places where diffusers' float32 rounding
 * decides a value that must match exactly, such as the fractional timesteps of Karras sigmas.
 */
export const f32 = Math.fround;

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** The float32 next to `x` (a float32) in the direction of `toward`. */
function nextFloat32(x: number, toward: number): number {
  if (x === toward) return x;
  if (x === 0) return toward > 0 ? 2 ** -149 : -(2 ** -149);
  scratch[0] = x;
  scratchBits[0] += (toward > x) === (x > 0) ? 1 : -1;
  return scratch[0];
}

/**
 * fmaf(a, b, c): a*b + c rounded once to float32, as an FMA instruction does. The product of
 * two float32s is exact in a double; the sum is exact as double plus its TwoSum error, which
 * settles the one case double rounding gets wrong: a sum that lands exactly between two floats.
 */
export function fma32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const virtual = sum - product;
  const error = product - (sum - virtual) + (c - virtual);
  const rounded = f32(sum);
  if (error === 0 || rounded === sum) return rounded;
  const other = nextFloat32(rounded, sum);
  if (sum - rounded !== other - sum) return rounded;
  // An exact tie in double that the error breaks: round toward the side the exact value is on.
  return error > 0 === other > rounded ? other : rounded;
}

// numpy's float32 log kernel (loops_exponent_log, AVX2 and AVX512F): a 5/5 rational minimax
// polynomial on the mantissa. It is up to ~4 ulp from the true log, which moves Karras
// timesteps in their last bits, so it is reproduced operation by operation.
const LOG_P = [
  0, 9.999999999999998702752e-1, 2.112677543073053063722, 1.480000633576506585156, 3.808837741388407920751e-1,
  2.589979117907922693523e-2,
].map(f32);
const LOG_Q = [
  1, 2.612677543073109236779, 2.453006071784736363091, 9.864942958519418960339e-1, 1.546476374983906719538e-1,
  5.875095403124574342950e-3,
].map(f32);
const LN2 = f32(Math.LN2);
const SQRT1_2 = f32(Math.SQRT1_2);

/** numpy.log on a float32 array element, for positive normal inputs (sigmas always are). */
export function numpyLog32(x: number): number {
  if (!(x >= 2 ** -126) || x === Infinity) return f32(Math.log(x));
  scratch[0] = x;
  const bits = scratchBits[0];
  let exponent = (bits >>> 23) - 126;
  scratchBits[0] = (bits & 0x7fffff) | 0x3f000000;
  let mantissa = scratch[0];
  if (mantissa <= SQRT1_2) {
    mantissa += mantissa;
    exponent -= 1;
  }
  const y = mantissa - 1;
  let num = fma32(LOG_P[5], y, LOG_P[4]);
  let den = fma32(LOG_Q[5], y, LOG_Q[4]);
  for (let k = 3; k >= 0; k--) {
    num = fma32(num, y, LOG_P[k]);
    den = fma32(den, y, LOG_Q[k]);
  }
  return fma32(exponent, LN2, f32(num / den));
}
