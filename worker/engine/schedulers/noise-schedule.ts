import { f32, fma32 } from './float32-math';
import { schedulerDefaults } from './scheduler-config';

/** The training schedule's keys with DDPM's defaults, shared by every class; LCM overrides the betas with SD's. */
export const NOISE_SCHEDULE_DEFAULTS = schedulerDefaults({
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  rescale_betas_zero_snr: false,
});

export type NoiseScheduleConfig = typeof NOISE_SCHEDULE_DEFAULTS;

/**
 * The training noise schedule as diffusers builds it: torch float32 betas, reproduced bit for
 * bit, because Karras timesteps are read back off these values and must match exactly.
 */
export function makeBetas(config: NoiseScheduleConfig): Float32Array {
  const { num_train_timesteps: n, beta_start: start, beta_end: end, beta_schedule: schedule } = config;
  let betas: Float32Array;
  if (config.trained_betas) {
    betas = Float32Array.from(config.trained_betas);
  } else if (schedule === 'linear') {
    betas = torchLinspace32(start, end, n);
  } else if (schedule === 'scaled_linear') {
    // "scaled_linear" is linear in sqrt(beta): the schedule the latent diffusion models trained on.
    betas = torchLinspace32(Math.sqrt(start), Math.sqrt(end), n).map((b) => b * b);
  } else {
    betas = Float32Array.from(cosineBetas(n));
  }
  return config.rescale_betas_zero_snr ? rescaleZeroTerminalSnr(betas) : betas;
}

/** torch.cumprod(1 - betas) on the CPU: float32 factors, a float64 running product, float32 results. */
export function cumulativeAlphas(betas: Float32Array): Float32Array {
  const out = new Float32Array(betas.length);
  let product = 1;
  for (let i = 0; i < betas.length; i++) {
    product *= f32(1 - betas[i]);
    out[i] = product;
  }
  return out;
}

/**
 * torch.linspace(start, end, n, dtype=float32) on an x86 CPU (AVX2 kernels). torch counts up
 * from `start` in the first half and down from `end` in the second, one fused multiply-add per
 * 8-lane vector, then adds k*step within the vector; the last n % 16 values take a scalar path.
 * Rounding each value independently instead changes ~30% of SD's betas by an ulp.
 */
function torchLinspace32(start: number, end: number, n: number): Float32Array {
  const out = new Float32Array(n);
  if (n === 1) {
    out[0] = start;
    return out;
  }
  const a = f32(start);
  const b = f32(end);
  const step = f32(f32(b - a) / (n - 1));
  const halfway = Math.floor(n / 2);
  const at = (i: number) => (i < halfway ? fma32(step, i, a) : fma32(-step, n - i - 1, b));
  const lanes = 8;
  const vectorised = n - (n % (2 * lanes));
  for (let i = 0; i < vectorised; i += lanes) {
    const base = at(i);
    out[i] = base;
    for (let k = 1; k < lanes; k++) out[i + k] = fma32(k, step, base);
  }
  for (let i = vectorised; i < n; i++) out[i] = at(i);
  return out;
}

/** diffusers' betas_for_alpha_bar with the "cosine" transform (Nichol & Dhariwal), capped at 0.999. */
function cosineBetas(n: number): number[] {
  const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  return Array.from({ length: n }, (_, i) => Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), 0.999));
}

/** Lin et al. 2023, "Common Diffusion Noise Schedules and Sample Steps are Flawed", algorithm 1, in float32. */
function rescaleZeroTerminalSnr(betas: Float32Array): Float32Array {
  const sqrtBar = cumulativeAlphas(betas).map(Math.sqrt);
  const first = sqrtBar[0];
  const last = sqrtBar[sqrtBar.length - 1];
  const scale = f32(first / f32(first - last));
  const bar = sqrtBar.map((v) => f32(v - last) * scale).map((v) => v * v);
  return bar.map((v, i) => 1 - (i === 0 ? v : f32(v / bar[i - 1])));
}

/** DDPM's forward process q(x_t | x_0): sqrt(ᾱ_t)·x0 + sqrt(1 − ᾱ_t)·noise, as DDIM and LCM img2img noise the encoded image. */
export function addDdpmNoise(alphasCumprod: Float32Array, original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
  const alpha = alphasCumprod[timestep];
  const a = Math.sqrt(alpha);
  const b = Math.sqrt(1 - alpha);
  return original.map((x, i) => a * x + b * noise[i]);
}
