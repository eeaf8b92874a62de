import { f32, numpyLog32 } from './float32-math';

/** The VE noise level of every training timestep, sqrt((1 - ᾱ) / ᾱ), as torch computes it in float32. */
export function trainingSigmas(alphasCumprod: Float32Array): Float32Array {
  return alphasCumprod.map((a) => Math.sqrt(f32(f32(1 - a) / a)));
}

/** np.interp(x, arange(len(values)), values) for x within the table. */
export function interpolate(values: ArrayLike<number>, x: number): number {
  if (x <= 0) return values[0];
  const last = values.length - 1;
  if (x >= last) return values[last];
  const j = Math.floor(x);
  if (x === j) return values[j];
  return (values[j + 1] - values[j]) * (x - j) + values[j];
}

/**
 * Karras et al. (2022) eq. 5: n noise levels from sigmaMax down to sigmaMin, evenly spaced in
 * sigma^(1/7), as diffusers' _convert_to_karras computes them in float64.
 */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, n: number): number[] {
  const rho = 7;
  const minInvRho = sigmaMin ** (1 / rho);
  const maxInvRho = sigmaMax ** (1 / rho);
  return Array.from({ length: n }, (_, i) => {
    const ramp = i === n - 1 && n > 1 ? 1 : i * (1 / (n - 1 || 1));
    return (maxInvRho + ramp * (minInvRho - maxInvRho)) ** rho;
  });
}

/** numpy's float32 log of every training sigma: the table _sigma_to_t interpolates in. */
export function logSigmas(sigmas: Float32Array): Float32Array {
  return sigmas.map(numpyLog32);
}

/**
 * diffusers' _sigma_to_t: the fractional training timestep whose sigma is `sigma`, interpolating
 * linearly in log sigma. Diffusers' reference numbers come from numpy 1.x, whose value-based
 * casting does this arithmetic in float32 (a float64 scalar meeting a float32 array gives
 * float32) until the final blend with the integer indices, which is float64. Reproducing that
 * (and numpy's own log) is what makes fractional Karras timesteps match to the last bit.
 */
export function sigmaToTimestep(sigma: number, logTable: Float32Array): number {
  const logSigma = f32(Math.log(Math.max(sigma, 1e-10)));
  let low = 0;
  for (let i = 0; i < logTable.length; i++) if (logSigma >= logTable[i]) low = i;
  low = Math.min(low, logTable.length - 2);
  const lowLog = logTable[low];
  const highLog = logTable[low + 1];
  const w = Math.min(1, Math.max(0, f32(f32(lowLog - logSigma) / f32(lowLog - highLog))));
  return f32(1 - w) * low + w * (low + 1);
}

/** torch's (max_sigma ** 2 + 1) ** 0.5 in float32: the std of x_T when sigmas are VE but the model input is VP. */
export function vpInitNoiseSigma(maxSigma: number): number {
  return f32(Math.sqrt(f32(f32(maxSigma * maxSigma) + 1)));
}

/**
 * The training schedule as VE sigmas, as the sigma-based schedulers build it. With zero terminal
 * SNR the last ᾱ is set close to 0 without being 0 (fp16's smallest subnormal), so the first
 * sigma stays finite; that ᾱ is changed in place, as diffusers does.
 */
export function trainingSigmasOf(alphasCumprod: Float32Array, rescaleZeroSnr: boolean): Float32Array {
  if (rescaleZeroSnr) alphasCumprod[alphasCumprod.length - 1] = 2 ** -24;
  return trainingSigmas(alphasCumprod);
}
