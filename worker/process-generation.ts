import { DelayedError, UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import type { Db } from '../server/db/client';
import { withDbRetry } from '../server/db/retry';
import type { GenerationParams } from '../server/db/schema';
import { isCancelRequested } from '../server/generations/cancel-signal';
import { claimGeneration } from '../server/generations/claim';
import { saveProgress } from '../server/generations/progress';
import { settleGeneration, type Outcome, type StoredImage } from '../server/generations/settle';
import { generationJobSchema, type GenerationJob } from '../server/queue/jobs';
import type { UserEvents } from '../server/realtime/emitter';
import type { StorageDriver } from '../server/storage/driver';
import { imageCount, imageGridColumns } from '../domain/generation-params';
import { isGenerationInterrupted } from './engine/generation-interrupted';
import { tileLatents } from './engine/preview';
import { generateWithCheckpoints, type Runner } from './checkpointed-generate';
import { generateOnlyMasked } from './engine/edit/only-masked';
import { CancelRegistry } from './cancel-registry';
import { PreviewPublisher } from './preview-publisher';
import { ModelNotInstalledError, type WarmPool } from './models/warm-pool';
import { finishImage } from './postprocess/finish-image';
import { storeImage } from './postprocess/store-image';
import { applyStyleEffects } from './postprocess/style-effects';
import { promptsToRun } from '../domain/styles/expand';
import { loadNsfwClassifier, type NsfwClassifier } from '../server/safety/nsfw/classifier';
import { loadNsfwThresholds } from '../server/safety/nsfw-thresholds';
import { loadEditInputs } from './preprocess/edit-inputs';

export type ProcessorDeps = {
  db: Db;
  redis: IORedis;
  storage: StorageDriver;
  events: UserEvents;
  pool: WarmPool;
  appVersion: string;
  /** Pause after each step (demos and browser tests: the shipped model is too fast to watch). */
  stepDelayMs?: number;
  onStepTime?: (ms: number) => void;
  onJob?: (id: string | null) => void;
  cancels?: CancelRegistry;
  /** Store a checkpoint every N steps, which a retry after a crash resumes from; 0: only on shutdown. */
  checkpointEvery?: number;
  /**
   * Aborted when the worker shuts down: the running job stores a checkpoint at the next step
   * boundary and goes back to the queue, where another worker resumes it.
   */
  shutdown?: AbortSignal;
  /** The NSFW classifier every finished image (and init image) goes through; nsfwjs's MobileNetV2 by default. */
  nsfw?: () => Promise<NsfwClassifier>;
};

const LIMITED_RETRY_MS = 2000;

/** A failure retrying cannot fix, whose message is written for the user. */
export class UserFacingFailure extends UnrecoverableError {}

/** What the user reads when the job ends failed; internal details stay in the worker log. */
export function failureReason(err: unknown): string {
  if (err instanceof UserFacingFailure) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  if (/job stalled more than allowable limit/i.test(message)) return 'The worker running this generation stopped responding.';
  return `The image could not be generated: ${message.split('\n')[0].slice(0, 200)}`;
}

function isFinalAttempt(job: Job, err: unknown): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** The params that give this one image alone: its own seed, n = 1. What its PNG metadata records. */
export function singleImageParams(params: GenerationParams, seed: number): GenerationParams {
  const { n: _n, ...one } = params;
  return { ...one, seed };
}

/** What the user reads when some, not all, of a generation's images were blocked. */
function blockedWarning(blocked: number, n: number): string {
  const [verb, whose] = blocked === 1 ? ['was', 'its'] : ['were', 'their'];
  return `${blocked} of ${n} images ${verb} blocked by the content filter and not stored; ${whose} share of the cost was refunded.`;
}

type Claimed = Exclude<Awaited<ReturnType<typeof claimGeneration>>, null | 'limited'>;

/**
 * Runs one generation job. It never writes a status itself: each way a run can end is a named
 * hook below that hands the outcome to the settle gate (which refunds, cleans up and tells the
 * user), waiting out a brief Postgres outage rather than losing a finished image to it.
 */
export function createProcessor(deps: ProcessorDeps) {
  const { db, redis, storage, events, pool } = deps;
  const nsfw = deps.nsfw ?? (() => loadNsfwClassifier());
  const cancels = deps.cancels ?? new CancelRegistry();
  const settle = <O extends Outcome>(id: string, outcome: O) =>
    withDbRetry(`${outcome.status} ${id}`, () => settleGeneration(deps, id, outcome));

  async function initImageFor(params: GenerationParams, userId: string, native: { width: number; height: number }) {
    if (!params.initImage) return undefined;
    const loaded = await loadEditInputs(storage, userId, params, native);
    if (!loaded) throw new UserFacingFailure(params.mask ? 'The image or its mask is no longer available. Upload them again.' : 'The init image is no longer available. Upload it again.');
    // Checked at upload too; again here because the thresholds may have changed since.
    const scores = await (await nsfw()).classify(loaded.bytes);
    return { ...loaded.init, scores, onlyMasked: loaded.onlyMasked };
  }

  async function run(row: Claimed, signal: AbortSignal, setPreviews: (p: PreviewPublisher) => void) {
    const { id, userId } = row;
    // A cancel that arrived before this worker subscribed to it (or between attempts).
    if (await isCancelRequested(redis, id)) cancels.cancel(id);
    const model = await pool.get(row.params.model).catch((err) => {
      throw err instanceof ModelNotInstalledError ? new UserFacingFailure(err.message) : err;
    });
    const init = await initImageFor(row.params, userId, { width: model.nativeWidth, height: model.nativeHeight });
    const publisher = new PreviewPublisher(model.previewFactors, async ({ step, steps, preview }) => {
      await saveProgress(redis, id, { step, steps, preview });
      events.emit(userId, 'generation:progress', { id, step, steps, preview: preview as unknown as ArrayBuffer });
    });
    setPreviews(publisher);
    let lastStep = performance.now();
    const checkpoints = { redis, generationId: id, every: deps.checkpointEvery ?? 0 };
    const columns = imageGridColumns(imageCount(row.params));
    // A styled generation runs its expanded prompts; params.prompt stays as the user wrote it.
    const runner: Runner | undefined = init?.onlyMasked ? (request, options) => generateOnlyMasked(model, request, options) : undefined;
    const result = await generateWithCheckpoints(model, { ...row.params, ...promptsToRun(row.params), init }, {
      signal,
      suspend: deps.shutdown,
      onStep: async ({ step, steps, latents, denoised, shape }) => {
        const now = performance.now();
        deps.onStepTime?.(now - lastStep);
        // The step's estimate of the final image previews far better than the noisy latents; all
        // n images in one frame, laid out as the finished grid will be.
        const tiled = tileLatents(denoised ?? latents, shape, columns);
        publisher.offer(step, steps, tiled.latents, tiled.shape);
        if (deps.stepDelayMs) await new Promise((r) => setTimeout(r, deps.stepDelayMs));
        lastStep = performance.now();
      },
    }, checkpoints, runner);
    await publisher.flush();
    const finishStart = performance.now();
    const [classifier, thresholds] = await Promise.all([nsfw(), withDbRetry(`thresholds for ${id}`, () => loadNsfwThresholds(db))]);
    // Each image on its own, as a single one would be: classified, watermarked, stored.
    const stored: StoredImage[] = [];
    const blockedReasons: string[] = [];
    for (const [index, image] of result.images.entries()) {
      const params = singleImageParams(row.params, image.seed);
      const styled = await applyStyleEffects({ rgb: image.rgb, width: result.width, height: result.height }, row.params.styleEffects, image.seed);
      const finished = await finishImage(
        { ...result, rgb: styled.rgb, params, generationId: id, appVersion: deps.appVersion, flaggedCategory: row.flaggedCategory, initScores: init?.scores },
        classifier,
        thresholds,
      );
      if (finished.blocked) {
        blockedReasons.push(...finished.verdict.reasons);
        continue;
      }
      const kept = await storeImage(storage, { userId, generationId: id, seed: image.seed, index }, finished, result);
      if (kept.moderation === 'review') console.log(`[worker] generation ${id} image ${index} queued for review: ${finished.verdict.reasons.join('; ')}`);
      stored.push(kept);
    }
    if (stored.length === 0) return onBlocked(id, result.images.length, blockedReasons);
    const blocked = result.images.length - stored.length;
    const warnings = blocked > 0 ? [...result.warnings, blockedWarning(blocked, result.images.length)] : result.warnings;
    if (blocked > 0) console.log(`[worker] generation ${id}: ${blocked} of ${result.images.length} images blocked: ${blockedReasons.join('; ')}`);
    const timings = { ...result.timingsMs, postprocess: Math.round(performance.now() - finishStart) };
    const { images } = await settle(id, { status: 'succeeded', images: stored, blocked, timings, warnings });
    return { images: images.length, ...(blocked > 0 ? { blocked } : {}) };
  }

  async function onBlocked(id: string, n: number, reasons: string[]) {
    const reason = n === 1
      ? 'The finished image was blocked by the content filter and was not stored.'
      : `All ${n} finished images were blocked by the content filter and were not stored.`;
    await settle(id, { status: 'blocked', reason });
    console.log(`[worker] generation ${id} blocked: ${reasons.join('; ')}`);
    return { blocked: true };
  }

  async function onCancelled(id: string, completedSteps: number) {
    const { refunded } = await settle(id, { status: 'cancelled', completedSteps });
    console.log(`[worker] generation ${id} cancelled after ${completedSteps} steps, ${refunded} credits refunded`);
    return { cancelled: true };
  }

  /** Back to the front of the queue without using up an attempt; the checkpoint stays. */
  async function onSuspended(job: Job<GenerationJob>, token: string, id: string, completedSteps: number): Promise<never> {
    // Queued before the job is waiting again, so the worker that takes it next finds it queued.
    await settle(id, { status: 'queued', error: null, position: 0 });
    await job.moveToWait(token);
    console.log(`[worker] generation ${id} suspended after ${completedSteps} steps: shutting down`);
    throw new WaitingError();
  }

  async function onAttemptFailed(job: Job<GenerationJob>, id: string, err: unknown) {
    const reason = failureReason(err);
    console.error(`[worker] generation ${id} attempt ${job.attemptsMade + 1} failed: ${(err as Error).stack ?? err}`);
    if (isFinalAttempt(job, err)) await settle(id, { status: 'failed', reason });
    else await settle(id, { status: 'queued', error: `Retrying after: ${reason}`, position: null });
  }

  return async function processGeneration(job: Job<GenerationJob>, token?: string) {
    const parsed = generationJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Malformed job payload: ${parsed.error.message}`);
    const { generationId: id, userId } = parsed.data;
    const row = await withDbRetry(`claim ${id}`, () => claimGeneration(db, id));
    if (!row) return { skipped: true }; // already finished (or cancelled) before this attempt
    if (row === 'limited') {
      // The user already runs as many as the plan allows: back to the queue for a moment.
      await job.moveToDelayed(Date.now() + LIMITED_RETRY_MS, token);
      throw new DelayedError();
    }
    deps.onJob?.(id);
    const signal = cancels.register(id);
    let previews: PreviewPublisher | undefined;
    events.emit(userId, 'generation:started', { id, attempt: row.attempts });
    try {
      return await run(row, signal, (p) => (previews = p));
    } catch (err) {
      await previews?.flush().catch(() => {}); // no late frame may land after the outcome
      if (isGenerationInterrupted(err, 'cancelled')) return await onCancelled(id, err.completedSteps);
      if (isGenerationInterrupted(err, 'suspended') && token) return await onSuspended(job, token, id, err.completedSteps);
      await onAttemptFailed(job, id, err);
      throw err;
    } finally {
      cancels.unregister(id);
      deps.onJob?.(null);
    }
  };
}
