import { createHash } from 'node:crypto';
import type { DiffusionModel } from './diffusion-model';
import type { GenerationRequest } from './generation-request';
import { rngFromState } from './noise';
import type { Scheduler } from './schedulers/scheduler';
import type { SchedulerState } from './schedulers/scheduler-state';

/**
 * A denoising run stopped between two steps: with the same request and model, generate()
 * continues from it to the same bytes an uninterrupted run gives. The prompt embeddings (and,
 * for image to image, the start image) are not in it: they come from the request again.
 */
export interface Checkpoint {
  /** Steps completed, 1..steps - 1. */
  step: number;
  /** Steps the run has in all (for image to image, the steps strength leaves). */
  steps: number;
  /** Latents after `step`, [n, 4, h/8, w/8]: all n images of the generation. */
  latents: Float32Array;
  scheduler: SchedulerState;
  /** The noise generators' state words (Rng.state()), four per image in image order. */
  rng: number[];
  /** requestFingerprint of the run that wrote it. */
  fingerprint: string;
}

/** A checkpoint that does not belong to this request and model, or does not fit the run. */
export class CheckpointMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointMismatchError';
  }
}

// Bump when the meaning of a checkpoint changes, so older ones are refused rather than misread.
const FORMAT = 1;

/**
 * Names what decides a run's trajectory: every request field the pipeline reads, the start
 * image's and mask's bytes, and the model's schedule and latent scale. Two requests with the same
 * fingerprint take the same steps; a checkpoint carries its run's, so it is never applied to
 * another (the weights themselves are not hashed: callers key checkpoints by a job whose model
 * does not change).
 */
export function requestFingerprint(
  model: Pick<DiffusionModel, 'schedulerConfig' | 'scalingFactor'>,
  request: GenerationRequest,
): string {
  const { prompt, negativePrompt, width, height, steps, guidance, seed, sampler, init } = request;
  const n = request.n ?? 1;
  const fields = {
    format: FORMAT,
    // n only when above 1, so a single image's checkpoint written before n existed still resumes.
    request: { prompt, negativePrompt, width, height, steps, guidance, seed, sampler, ...(n > 1 ? { n } : {}) },
    init: init ? { strength: init.strength, sha256: sha256(init.rgb), ...maskFields(init) } : null,
    model: { scheduler: model.schedulerConfig, scalingFactor: model.scalingFactor },
  };
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Only when there is a mask, so image-to-image checkpoints written before masks existed still resume. */
function maskFields({ mask, maskFeather }: NonNullable<GenerationRequest['init']>) {
  return mask ? { mask: sha256(mask), maskFeather: maskFeather ?? null } : {};
}

/**
 * Puts `scheduler` (already set up for the run) where the checkpoint was taken and returns the
 * noise generators and latents of the `images` images to continue with; `size` is one image's
 * latent count. The checkpoint itself is not modified.
 */
export function restoreRun(checkpoint: Checkpoint, scheduler: Scheduler, stepCount: number, size: number, images = 1) {
  const { step, steps, latents, rng } = checkpoint;
  if (steps !== stepCount || !Number.isInteger(step) || step < 1 || step >= stepCount) {
    throw new CheckpointMismatchError(`a checkpoint at step ${step} of ${steps} does not fit a run of ${stepCount} steps`);
  }
  if (latents.length !== size * images) throw new CheckpointMismatchError(`the checkpoint holds ${latents.length} latents, not ${size * images}`);
  if (rng.length !== 4 * images) throw new CheckpointMismatchError(`the checkpoint holds ${rng.length / 4} noise generators, not ${images}`);
  try {
    scheduler.restore(checkpoint.scheduler);
    const rngs = Array.from({ length: images }, (_, i) => rngFromState(rng.slice(4 * i, 4 * i + 4)));
    return { rngs, latents: latents.slice() };
  } catch (err) {
    throw new CheckpointMismatchError(`the checkpoint cannot be restored: ${(err as Error).message}`);
  }
}
