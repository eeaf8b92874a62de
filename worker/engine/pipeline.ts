import { Tensor } from 'onnxruntime-node';
import { CheckpointMismatchError, requestFingerprint, restoreRun, type Checkpoint } from './checkpoint';
import { decodeLatents } from './decode-latents';
import { encodeImageLatents, rgbBytesToChw } from './encode-image';
import type { DiffusionModel } from './diffusion-model';
import { encodePrompts } from './encode-prompt';
import { GenerationCancelledError } from './generation-cancelled-error';
import { GenerationSuspendedError } from './generation-suspended-error';
import { timestepTensor } from './graph-inputs';
import { applyGuidance } from './guidance';
import { createRng, standardNormal, type Rng } from './noise';
import { createScheduler } from './schedulers/create-scheduler';
import type { GenerationRequest } from './generation-request';

export type { GenerationRequest };


export interface StepProgress {
  /** 1-based. */
  step: number;
  steps: number;
  /** Latents after this step, [1, 4, h/8, w/8]. Not reused by the pipeline: safe to keep. */
  latents: Float32Array;
  shape: readonly [1, 4, number, number];
  /** The step's estimate of the finished latents: a clearer preview than `latents`. */
  denoised?: Float32Array;
}

export interface GenerateOptions {
  /** Awaited before the next step starts, so a slow listener slows the run instead of piling up. */
  onStep?: (progress: StepProgress) => void | Promise<void>;
  /** Checked at every step boundary; aborting makes generate() reject with GenerationCancelledError. */
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
   * GenerationSuspendedError. A cancel (`signal`) wins over a suspend.
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

/** Text to image: the Stable Diffusion loop of diffusers' OnnxStableDiffusionPipeline. */
export async function generate(
  model: DiffusionModel,
  request: GenerationRequest,
  options: GenerateOptions = {},
): Promise<GenerationResult> {
  const { width, height, steps, guidance } = request;
  const { signal, resume } = options;
  if (width % 8 !== 0 || height % 8 !== 0 || width < 8 || height < 8) {
    throw new RangeError(`width and height must be positive multiples of 8, got ${width}x${height}`);
  }
  const stopIfCancelled = (completed: number) => {
    if (signal?.aborted) throw new GenerationCancelledError(completed);
  };
  const firstStep = resume?.step ?? 0;
  stopIfCancelled(firstStep);
  const fingerprint = resume || options.onCheckpoint ? requestFingerprint(model, request) : '';
  if (resume && resume.fingerprint !== fingerprint) {
    throw new CheckpointMismatchError('the checkpoint was written for another request or model');
  }

  let started = performance.now();
  const guided = guidance > 1;
  // diffusers' order: unconditional first, then the prompt.
  const texts = guided ? [request.negativePrompt, request.prompt] : [request.prompt];
  const { hiddenStates, truncated, warnings } = await encodePrompts(model, texts, {
    labels: guided ? ['Negative prompt', 'Prompt'] : ['Prompt'],
  });
  const encodeMs = performance.now() - started;

  const scheduler = createScheduler(request.sampler, model.schedulerConfig);
  const shape = [1, 4, height / 8, width / 8] as const;
  const size = 4 * shape[2] * shape[3];
  let timesteps: readonly number[];
  if (request.init) {
    if (!model.vaeEncoder) throw new Error('This model has no VAE encoder, so it cannot start from an image.');
    timesteps = scheduler.timestepsForStrength(steps, request.init.strength);
    if (timesteps.length === 0) throw new RangeError(`strength ${request.init.strength} leaves no steps to run`);
  } else {
    scheduler.setTimesteps(steps);
    timesteps = scheduler.timesteps;
  }
  const stepCount = timesteps.length;

  let rng: Rng;
  let latents: Float32Array;
  let encodeImageMs = 0;
  if (resume) {
    ({ rng, latents } = restoreRun(resume, scheduler, stepCount, size));
  } else {
    rng = createRng(request.seed);
    latents = standardNormal(rng, size);
    if (request.init) {
      started = performance.now();
      const image = rgbBytesToChw(request.init.rgb, width, height);
      const initLatents = await encodeImageLatents(model.vaeEncoder!, image, width, height, model.scalingFactor);
      encodeImageMs = performance.now() - started;
      latents = scheduler.addNoise(initLatents, latents, timesteps[0]);
    } else if (scheduler.initNoiseSigma !== 1) {
      for (let i = 0; i < size; i++) latents[i] *= scheduler.initNoiseSigma;
    }
  }

  const checkpointAt = async (step: number) => {
    const checkpoint = { step, steps: stepCount, latents, scheduler: scheduler.snapshot(), rng: rng.state(), fingerprint };
    await options.onCheckpoint?.(checkpoint);
  };
  const every = options.checkpointEvery ?? 0;

  const { unet } = model;
  const batch = texts.length;
  const unetInput = new Float32Array(size * batch);
  const stepMs: number[] = [];
  for (let index = firstStep; index < stepCount; index++) {
    const timestep = timesteps[index];
    stopIfCancelled(index);
    if (options.suspend?.aborted) {
      // A checkpoint at `index` already exists when this run resumed there or just wrote one.
      const saved = index === firstStep || (every > 0 && index % every === 0);
      if (!saved) await checkpointAt(index);
      throw new GenerationSuspendedError(index);
    }
    started = performance.now();
    const scaled = scheduler.scaleModelInput(latents, timestep);
    for (let b = 0; b < batch; b++) unetInput.set(scaled, b * size);
    const outputs = await unet.session.run({
      [unet.sampleName]: new Tensor('float32', unetInput, [batch, 4, shape[2], shape[3]]),
      [unet.timestep.name]: timestepTensor(unet.timestep, timestep, batch),
      [unet.contextName]: hiddenStates,
    });
    const prediction = (outputs[unet.outputName] as Tensor).data as Float32Array;
    const noisePrediction = guided ? applyGuidance(prediction, size, guidance) : prediction;
    const result = scheduler.step(noisePrediction, timestep, latents, {
      drawNoise: (length) => standardNormal(rng, length),
    });
    latents = result.prevSample;
    stepMs.push(performance.now() - started);
    await options.onStep?.({ step: index + 1, steps: stepCount, latents, shape, denoised: result.denoised ?? result.predOriginalSample });
    if (every > 0 && (index + 1) % every === 0 && index + 1 < stepCount) await checkpointAt(index + 1);
  }
  stopIfCancelled(stepCount);

  started = performance.now();
  const image = await decodeLatents(model.vaeDecoder, latents, shape, model.scalingFactor);
  const decodeMs = performance.now() - started;
  return {
    ...image,
    channels: 3,
    promptTruncated: truncated,
    warnings,
    timingsMs: { encode: encodeMs, ...(request.init && !resume ? { encodeImage: encodeImageMs } : {}), steps: stepMs, decode: decodeMs },
    ...(resume ? { resumedFromStep: resume.step } : {}),
  };
}
