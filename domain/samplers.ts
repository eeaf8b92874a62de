/**
 * Sampler names a request may ask for, and how the UI labels them. Declared once: the form,
 * the request schema and the engine's scheduler table (worker/engine/schedulers) all read it.
 */
export const SAMPLERS = ['ddim', 'euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras', 'lcm'] as const;
export type Sampler = (typeof SAMPLERS)[number];

export const SAMPLER_LABELS: Record<Sampler, string> = {
  ddim: 'DDIM',
  euler: 'Euler',
  euler_a: 'Euler a',
  dpmpp_2m: 'DPM++ 2M',
  dpmpp_2m_karras: 'DPM++ 2M Karras',
  lcm: 'LCM',
};
