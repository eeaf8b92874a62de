import { CheckpointMismatchError, requestFingerprint, restoreRun, type Checkpoint } from './checkpoint';
import { decodeLatents } from './decode-latents';
import { denoise, stopIfCancelled, type LatentShape } from './denoise';
import type { DiffusionModel } from './diffusion-model';
import { encodeImageLatents, rgbBytesToChw } from './encode-image';
import { encodePrompts } from './encode-prompt';
import type { GenerationRequest } from './generation-request';
import { createRng, standardNormal, type Rng } from './noise';
import { createScheduler } from './schedulers/create-scheduler';
import type { Scheduler } from './schedulers/scheduler';

export type { GenerationRequest };

export interface StepProgress {
  /** 1-based. */
  step: number;
  steps: number;
  /** Latents after this step, [1, 4, h/8, w/8]. Not reused by the pipeline: safe to keep. */
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

export interface GenerationResult {
  /** Interleaved RGB bytes (HWC). */
  rgb: Uint8Array;
  width: number;
  height: number;
  channels: 3;
  /** The prompt or negative prompt was longer than the text encoder's 77 tokens. */
  promptTruncated: boolean;
  /** For the user: prompts split into chunks or truncated, weights clamped. */
  warnings: string[];
  timingsMs: { encode: number; encodeImage?: number; steps: number[]; decode: number };
  /** Set when the run continued from a checkpoint: the steps it did not run again. */
  resumedFromStep?: number;
}

/**
 * Text to image (image to image when request.init is set): the Stable Diffusion loop of diffusers'
 * OnnxStableDiffusionPipeline, in its named steps.
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
  const shape = [1, 4, request.height / 8, request.width / 8] as const;
  const start = resume
    ? restoreRun(resume, scheduler, timesteps.length, 4 * shape[2] * shape[3])
    : await prepareLatents(model, scheduler, request, timesteps[0], shape);
  const { latents, stepMs } = await denoise(
    { model, scheduler, timesteps, shape, hiddenStates, guidance: request.guidance, firstStep, fingerprint, ...start },
    options,
  );

  started = performance.now();
  const image = await decodeLatents(model.vaeDecoder, latents, shape, model.scalingFactor);
  const decodeMs = performance.now() - started;
  const encodeImage = 'encodeImageMs' in start ? { encodeImage: start.encodeImageMs } : {};
  return {
    ...image,
    channels: 3,
    promptTruncated: truncated,
    warnings,
    timingsMs: { encode: encodeMs, ...encodeImage, steps: stepMs, decode: decodeMs },
    ...(resume ? { resumedFromStep: resume.step } : {}),
  };
}

function checkInputs({ width, height }: GenerationRequest): void {
  if (width % 8 !== 0 || height % 8 !== 0 || width < 8 || height < 8) {
    throw new RangeError(`width and height must be positive multiples of 8, got ${width}x${height}`);
  }
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

/**
 * The starting latents and the noise generator that continues from them: seeded noise scaled to
 * the scheduler's initial sigma, or for image to image the encoded image noised to the first timestep.
 */
async function prepareLatents(
  model: DiffusionModel,
  scheduler: Scheduler,
  request: GenerationRequest,
  firstTimestep: number,
  shape: LatentShape,
): Promise<{ rng: Rng; latents: Float32Array; encodeImageMs?: number }> {
  const size = 4 * shape[2] * shape[3];
  const rng = createRng(request.seed);
  const latents = standardNormal(rng, size);
  if (request.init) {
    const { width, height } = request;
    const started = performance.now();
    const image = rgbBytesToChw(request.init.rgb, width, height);
    const initLatents = await encodeImageLatents(model.vaeEncoder!, image, width, height, model.scalingFactor);
    const encodeImageMs = performance.now() - started;
    return { rng, latents: scheduler.addNoise(initLatents, latents, firstTimestep), encodeImageMs };
  }
  if (scheduler.initNoiseSigma !== 1) {
    for (let i = 0; i < size; i++) latents[i] *= scheduler.initNoiseSigma;
  }
  return { rng, latents };
}
