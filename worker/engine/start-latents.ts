import type { LatentShape } from './denoise';
import type { EditInputs } from './edit/prepare-edit';
import type { GenerationRequest } from './generation-request';
import { imageSeed } from '../../domain/generation-params';
import { createRng, standardNormal, type Rng } from './noise';
import type { Scheduler } from './schedulers/scheduler';

/**
 * The starting latents of the n images and the noise generators that continue from them: each
 * image's seeded noise scaled to the scheduler's initial sigma, or for image to image the encoded
 * image (encoded once) noised to the first timestep. Inpainting at full strength starts from the
 * noise alone, as diffusers' inpainting pipeline does, so nothing of the masked content leaks in.
 */
export function prepareLatents(
  scheduler: Scheduler,
  request: GenerationRequest,
  firstTimestep: number,
  shape: LatentShape,
  { initLatents }: EditInputs,
): { rngs: Rng[]; latents: Float32Array } {
  const [n] = shape;
  const size = 4 * shape[2] * shape[3];
  const rngs = Array.from({ length: n }, (_, i) => createRng(imageSeed(request.seed, i)));
  const latents = new Float32Array(n * size);
  rngs.forEach((rng, i) => latents.set(standardNormal(rng, size), i * size));
  const fromNoise = !request.init || (request.init.mask && request.init.strength >= 1);
  if (initLatents && !fromNoise) return { rngs, latents: scheduler.addNoise(repeatLatents(initLatents, n), latents, firstTimestep) };
  if (scheduler.initNoiseSigma !== 1) {
    for (let i = 0; i < latents.length; i++) latents[i] *= scheduler.initNoiseSigma;
  }
  return { rngs, latents };
}

/** The noise each of the n images starts from: its generator's first draw, again (a resumed run needs it too). */
export function initialNoise(seed: number, n: number, size: number): Float32Array {
  const noise = new Float32Array(n * size);
  for (let i = 0; i < n; i++) noise.set(standardNormal(createRng(imageSeed(seed, i)), size), i * size);
  return noise;
}

/** One image's latents repeated for each of the n images. */
export function repeatLatents(one: Float32Array, n: number): Float32Array {
  if (n === 1) return one;
  const out = new Float32Array(n * one.length);
  for (let i = 0; i < n; i++) out.set(one, i * one.length);
  return out;
}
