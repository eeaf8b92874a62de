/**
 * Seeded standard-normal noise. The same seed gives the same numbers on every platform, because
 * everything below is 32-bit integer arithmetic plus Math.log/cos/sin/sqrt on doubles, rounded to
 * float32 once at the end. (It cannot match torch.randn: diffusers' seeds do not carry over.)
 *
 * Generator: xoshiro128** (Blackman & Vigna), 128-bit state, period 2^128 - 1. Its state is filled
 * by splitmix32 from both 32-bit halves of the seed, so seeds up to 2^53 - 1 are all distinct.
 * Normals: Box–Muller, both outputs of each pair used.
 */

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** The generator's four 32-bit state words, copied: rngFromState(rng.state()) continues this stream. */
  state(): number[];
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe non-negative integer, got ${seed}`);
  const mix = { s: (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32), 0x27d4eb2f) };
  const s = [splitmix32(mix), splitmix32(mix), splitmix32(mix), splitmix32(mix)];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  return xoshiro128ss(s);
}

/** A generator that continues from a state saved by Rng.state() (a checkpoint resuming). */
export function rngFromState(state: readonly number[]): Rng {
  const valid = state.length === 4 && state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff);
  if (!valid || state.every((w) => w === 0)) throw new RangeError(`not an xoshiro128** state: [${state.join(', ')}]`);
  return xoshiro128ss(state.map((w) => w | 0));
}

function xoshiro128ss(s: number[]): Rng {
  return {
    state: () => s.map((w) => w >>> 0),
    nextUint32() {
      const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
      const t = s[1] << 9;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 11);
      return result;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fills a new Float32Array with N(0, 1) samples drawn from rng. */
export function standardNormal(rng: Rng, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 2) {
    // (k + 0.5) / 2^32 lies strictly inside (0, 1), so log never sees 0.
    const u1 = (rng.nextUint32() + 0.5) / 4294967296;
    const u2 = (rng.nextUint32() + 0.5) / 4294967296;
    const radius = Math.sqrt(-2 * Math.log(u1));
    out[i] = radius * Math.cos(2 * Math.PI * u2);
    if (i + 1 < length) out[i + 1] = radius * Math.sin(2 * Math.PI * u2);
  }
  return out;
}
