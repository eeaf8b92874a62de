import { CheckpointMismatchError, requestFingerprint, restoreRun, type Checkpoint } from './checkpoint';
import { decodeLatents } from './decode-latents';
import { denoise, stopIfCancelled, type LatentShape } from './denoise';
import type { DiffusionModel } from './diffusion-model';
import { latentBlend } from './edit/latent-blend';
import { compositeThroughMask } from './edit/mask-feather';
import { prepareEdit } from './edit/prepare-edit';
import { encodePrompts } from './encode-prompt';
import type { GenerationRequest } from './generation-request';
import { imageSeed } from '../../domain/generation-params';
import { createScheduler } from './schedulers/create-scheduler';
import type { Scheduler } from './schedulers/scheduler';
import { initialNoise, prepareLatents, repeatLatents } from './start-latents';
import { vaeTilingFor } from './vae-tiles';

export type { GenerationRequest };

export interface StepProgress {
  /** 1-based. */
  step: number;
  steps: number;
  /** Latents after this step, [n, 4, h/8, w/8] (`shape`). Not reused by the pipeline: safe to keep. */
  latents: Float32Array;
  shape: LatentShape;
  /** The step's estimate of the finished latents: a clearer preview than `latents`. */
  denoised?: Float32Array;
}

export interface GenerateOptions {
  /** Awaited before the next step starts, so a slow listener slows the run instead of piling up. */
  onStep?: (progress: StepProgress) => void | Promise<void>;
  /** Checked at every step boundary; aborting makes generate() reject with GenerationInterrupted (reason "cancelled"). */
  signal?: AbortSignal;
  /** Hand onCheckpoint a checkpoint after every N-th step (never after the last one). */
  checkpointEvery?: number;
  /** Awaited before the next step starts, so a stored checkpoint never lags the run. */
  onCheckpoint?: (checkpoint: Checkpoint) => Promise<void>;
  /**
   * Continue a run of this same request from its checkpoint: the steps up to checkpoint.step are
   * not run again, and the result is the uninterrupted run's, byte for byte. A checkpoint of
   * another request or model rejects with CheckpointMismatchError.
   */
  resume?: Checkpoint;
  /**
   * For a worker shutting down: checked at every step boundary; when aborted, generate() hands
   * onCheckpoint the state reached (when a step ran since it started) and rejects with
   * GenerationInterrupted (reason "suspended"). A cancel (`signal`) wins over a suspend.
   */
  suspend?: AbortSignal;
}

export interface GeneratedImage {
  /** Interleaved RGB bytes (HWC). */
  rgb: Uint8Array;
  /** The seed that gives this image alone (n = 1). */
  seed: number;
}

export interface GenerationResult {
  /** The request's n images in order, image i from seed imageSeed(seed, i). */
  images: GeneratedImage[];
  /** images[0].rgb, for callers that make one image. */
  rgb: Uint8Array;
  width: number;
  height: number;
  channels: 3;
  /** The prompt or negative prompt was longer than the text encoder's 77 tokens. */
  promptTruncated: boolean;
  /** For the user: prompts split into chunks or truncated, weights clamped. */
  warnings: string[];
  /** `steps` times each step of the whole batch; `decode` all n images. */
  timingsMs: { encode: number; encodeImage?: number; steps: number[]; decode: number };
  /** Set when the run continued from a checkpoint: the steps it did not run again. */
  resumedFromStep?: number;
}

/**
 * Text to image (image to image when request.init is set, inpainting when it has a mask): the
 * Stable Diffusion loop of diffusers' OnnxStableDiffusionPipeline, in its named steps. Inpainting
 * repaints every latent cell the feathered mask touches (a 4-channel UNet by the latent blend, a
 * 9-channel one by its own conditioning) and composites the decoded result over the original. The request's n images share one text
 * encoding and are denoised together, each from its own seed, so image i is the image a request
 * of n = 1 with seed imageSeed(seed, i) gives (up to float rounding in batched UNet kernels).
 */
export async function generate(
  model: DiffusionModel,
  request: GenerationRequest,
  options: GenerateOptions = {},
): Promise<GenerationResult> {
  checkInputs(request);
  const { resume } = options;
  const firstStep = resume?.step ?? 0;
  stopIfCancelled(options.signal, firstStep);
  const fingerprint = resume || options.onCheckpoint ? requestFingerprint(model, request) : '';
  if (resume && resume.fingerprint !== fingerprint) {
    throw new CheckpointMismatchError('the checkpoint was written for another request or model');
  }

  let started = performance.now();
  const { hiddenStates, truncated, warnings } = await encodePromptBatch(model, request);
  const encodeMs = performance.now() - started;

  const scheduler = createScheduler(request.sampler, model.schedulerConfig);
  const timesteps = prepareTimesteps(model, scheduler, request);
  const n = request.n ?? 1;
  const shape = [n, 4, request.height / 8, request.width / 8] as const;
  const size = 4 * shape[2] * shape[3];
  const edit = await prepareEdit(model, request, !resume);
  const start = resume
    ? restoreRun(resume, scheduler, timesteps.length, size, n)
    : prepareLatents(scheduler, request, timesteps[0], shape, edit);
  // A 4-channel UNet knows nothing of the mask: the loop keeps the unmasked cells on the original's
  // path. A 9-channel one is told the mask; for both, previews show the original outside it.
  const blend =
    edit.grid && edit.initLatents
      ? latentBlend({
          scheduler, timesteps, initLatents: repeatLatents(edit.initLatents, n), noise: initialNoise(request.seed, n, size), grid: edit.grid,
          blendSteps: model.unetInChannels === 4,
        })
      : undefined;
  const { latents, stepMs } = await denoise(
    { model, scheduler, timesteps, shape, hiddenStates, guidance: request.guidance, firstStep, fingerprint, ...start, blend, conditioning: edit.conditioning },
    options,
  );

  started = performance.now();
  // One at a time: the VAE decoder is the memory peak at large sizes, and it is not the slow part.
  const images: GeneratedImage[] = [];
  const tiling = vaeTilingFor(model, request.width, request.height);
  let decoded = { width: request.width, height: request.height };
  for (let i = 0; i < n; i++) {
    const one = latents.subarray(i * size, (i + 1) * size);
    const image = await decodeLatents(model.vaeDecoder, one, [1, 4, shape[2], shape[3]], model.scalingFactor, tiling);
    // Outside the feathered mask the original's own bytes: no VAE round-trip drift there.
    const rgb = edit.alpha && request.init ? compositeThroughMask(request.init.rgb, image.rgb, edit.alpha) : image.rgb;
    images.push({ rgb, seed: imageSeed(request.seed, i) });
    decoded = image;
  }
  const decodeMs = performance.now() - started;
  const encodeImage = edit.encodeImageMs !== undefined ? { encodeImage: edit.encodeImageMs } : {};
  return {
    images,
    rgb: images[0].rgb,
    width: decoded.width,
    height: decoded.height,
    channels: 3,
    promptTruncated: truncated,
    warnings,
    timingsMs: { encode: encodeMs, ...encodeImage, steps: stepMs, decode: decodeMs },
    ...(resume ? { resumedFromStep: resume.step } : {}),
  };
}

function checkInputs({ width, height, n = 1, init }: GenerationRequest): void {
  if (width % 8 !== 0 || height % 8 !== 0 || width < 8 || height < 8) {
    throw new RangeError(`width and height must be positive multiples of 8, got ${width}x${height}`);
  }
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (init && init.rgb.length !== width * height * 3) throw new RangeError(`the start image has ${init.rgb.length} bytes, not ${width}x${height}x3`);
  if (init?.mask && init.mask.length !== width * height) throw new RangeError(`the mask has ${init.mask.length} bytes, not ${width}x${height}`);
}

/** With guidance, the negative prompt and the prompt, in diffusers' order: unconditional first. */
function encodePromptBatch(model: DiffusionModel, request: GenerationRequest) {
  const guided = request.guidance > 1;
  const texts = guided ? [request.negativePrompt, request.prompt] : [request.prompt];
  return encodePrompts(model, texts, { labels: guided ? ['Negative prompt', 'Prompt'] : ['Prompt'] });
}

/** The timesteps this run takes: all of them, or for image to image those `strength` leaves (get_timesteps). */
function prepareTimesteps(model: DiffusionModel, scheduler: Scheduler, request: GenerationRequest): readonly number[] {
  if (!request.init) {
    scheduler.setTimesteps(request.steps);
    return scheduler.timesteps;
  }
  if (!model.vaeEncoder) throw new Error('This model has no VAE encoder, so it cannot start from an image.');
  const timesteps = scheduler.timestepsForStrength(request.steps, request.init.strength);
  if (timesteps.length === 0) throw new RangeError(`strength ${request.init.strength} leaves no steps to run`);
  return timesteps;
}
