import type { Scheduler } from '../schedulers/scheduler';

/** What the denoising loop does to the latents of a 4-channel inpainting run. */
export interface LatentBlend {
  /** The latents after step `index`, with the unmasked cells put back on the original's trajectory. */
  afterStep(latents: Float32Array, index: number): Float32Array;
  /** A step's estimate of the finished latents, with the original's latents outside the mask (for previews). */
  preview(denoised: Float32Array): Float32Array;
}

export interface LatentBlendInput {
  scheduler: Scheduler;
  timesteps: readonly number[];
  /** The original's scaled latents, repeated for each of the n images. */
  initLatents: Float32Array;
  /** The noise each image started from (its generator's first draw), in the same layout. */
  noise: Float32Array;
  /** One value per latent cell (maskToLatentGrid): 1 repaint, 0 keep. */
  grid: Float32Array;
  /**
   * False for a 9-channel UNet, which is told the mask and keeps the rest itself (diffusers does
   * not blend its steps): then only previews are blended.
   */
  blendSteps?: boolean;
}

/**
 * diffusers' inpainting blend for UNets that know nothing of masks (the legacy pipeline, and the
 * 4-channel branch of StableDiffusionInpaintPipeline): after each step the kept cells become the
 * original's latents noised to the next timestep with the run's own starting noise, and after the
 * last step the original's latents themselves. scheduler.addNoise noises in the scheduler's own
 * space (VE sigmas for Euler, VP alpha/sigma for DPM-Solver, DDPM for DDIM and LCM), and after a
 * step it reads the position step() advanced to, so the blend fits every sampler.
 */
export function latentBlend({ scheduler, timesteps, initLatents, noise, grid, blendSteps = true }: LatentBlendInput): LatentBlend {
  const cells = grid.length;
  const mix = (latents: Float32Array, kept: Float32Array) => {
    const out = new Float32Array(latents.length);
    for (let i = 0; i < latents.length; i++) {
      out[i] = grid[i % cells] === 1 ? latents[i] : kept[i];
    }
    return out;
  };
  return {
    afterStep(latents, index) {
      if (!blendSteps) return latents;
      const last = index + 1 >= timesteps.length;
      return mix(latents, last ? initLatents : scheduler.addNoise(initLatents, noise, timesteps[index + 1]));
    },
    preview: (denoised) => mix(denoised, initLatents),
  };
}
