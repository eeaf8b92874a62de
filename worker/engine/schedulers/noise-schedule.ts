import type { SchedulerConfig } from './scheduler-config';

/**
 * The training noise schedule shared by every diffusers scheduler: betas and their cumulative
 * alpha products. Computed in float64; diffusers uses float32, which differs by ~1e-7 relative.
 */
export function makeBetas(config: SchedulerConfig): Float64Array {
  const n = config.num_train_timesteps ?? 1000;
  const start = config.beta_start ?? 0.0001;
  const end = config.beta_end ?? 0.02;
  let betas: Float64Array;
  if (config.trained_betas) {
    betas = Float64Array.from(config.trained_betas);
  } else if ((config.beta_schedule ?? 'linear') === 'linear') {
    betas = linspace(start, end, n);
  } else if (config.beta_schedule === 'scaled_linear') {
    // "scaled_linear" is linear in sqrt(beta): the schedule the latent diffusion models trained on.
    betas = linspace(Math.sqrt(start), Math.sqrt(end), n).map((b) => b * b);
  } else {
    betas = cosineBetas(n);
  }
  return config.rescale_betas_zero_snr ? rescaleZeroTerminalSnr(betas) : betas;
}

export function cumulativeAlphas(betas: Float64Array): Float64Array {
  const out = new Float64Array(betas.length);
  let product = 1;
  for (let i = 0; i < betas.length; i++) {
    product *= 1 - betas[i];
    out[i] = product;
  }
  return out;
}

function linspace(start: number, end: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = n > 1 ? (end - start) / (n - 1) : 0;
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  if (n > 1) out[n - 1] = end;
  return out;
}

/** diffusers' betas_for_alpha_bar with the "cosine" transform (Nichol & Dhariwal), capped at 0.999. */
function cosineBetas(n: number): Float64Array {
  const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), 0.999);
  return out;
}

/** Lin et al. 2023, "Common Diffusion Noise Schedules and Sample Steps are Flawed", algorithm 1. */
function rescaleZeroTerminalSnr(betas: Float64Array): Float64Array {
  const sqrtBar = cumulativeAlphas(betas).map(Math.sqrt);
  const first = sqrtBar[0];
  const last = sqrtBar[sqrtBar.length - 1];
  const bar = sqrtBar.map((v) => ((v - last) * first) / (first - last)).map((v) => v * v);
  return bar.map((v, i) => 1 - (i === 0 ? v : v / bar[i - 1]));
}
