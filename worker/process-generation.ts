import { DelayedError, UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../server/db/client';
import { withDbRetry } from '../server/db/retry';
import { generations, type GenerationParams } from '../server/db/schema';
import { isCancelRequested } from '../server/generations/cancel-signal';
import { blockGeneration, completeGeneration, failGeneration, markCancelled, markRunning } from '../server/generations/lifecycle';
import { clearProgress, saveProgress } from '../server/generations/progress';
import { generationJobSchema, type GenerationJob } from '../server/queue/jobs';
import type { UserEvents } from '../server/realtime/emitter';
import { toGeneratedImage } from '../server/gallery/image-urls';
import type { StorageDriver } from '../server/storage/driver';
import { imageKey, thumbnailKey } from '../server/storage/keys';
import { isGenerationCancelled } from './engine/generation-cancelled-error';
import { isGenerationSuspended } from './engine/generation-suspended-error';
import { deleteCheckpoint } from './checkpoint-store';
import { generateWithCheckpoints } from './checkpointed-generate';
import { CancelRegistry } from './cancel-registry';
import { PreviewPublisher } from './preview-publisher';
import { ModelNotInstalledError, type WarmPool } from './models/warm-pool';
import { finishImage } from './postprocess/finish-image';
import { loadNsfwClassifier, type NsfwClassifier } from '../server/safety/nsfw/classifier';
import { loadNsfwThresholds } from '../server/safety/nsfw-thresholds';
import { loadInitImage } from './preprocess/load-init-image';

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

export function createProcessor(deps: ProcessorDeps) {
  const { db, redis, storage, events, pool } = deps;
  const nsfw = deps.nsfw ?? (() => loadNsfwClassifier());
  const cancels = deps.cancels ?? new CancelRegistry();

  async function initImageFor(params: GenerationParams, userId: string) {
    if (!params.initImage) return undefined;
    const loaded = await loadInitImage(storage, userId, params.initImage, params.width, params.height);
    if (!loaded) throw new UserFacingFailure('The init image is no longer available. Upload it again.');
    // Checked at upload too; again here because the thresholds may have changed since.
    const scores = await (await nsfw()).classify(loaded.bytes);
    return { rgb: loaded.rgb, strength: params.strength ?? 0.6, scores };
  }

  const dropCheckpoint = (id: string) =>
    deleteCheckpoint(redis, id).catch((err) => console.error(`[worker] could not delete the checkpoint of ${id}: ${(err as Error).message}`));

  return async function processGeneration(job: Job<GenerationJob>, token?: string) {
    const parsed = generationJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Malformed job payload: ${parsed.error.message}`);
    const { generationId: id, userId } = parsed.data;
    const row = await withDbRetry(`claim ${id}`, () => markRunning(db, id));
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
      // A cancel that arrived before this worker subscribed to it (or between attempts).
      if (await isCancelRequested(redis, id)) cancels.cancel(id);
      const model = await pool.get(row.params.model).catch((err) => {
        throw err instanceof ModelNotInstalledError ? new UserFacingFailure(err.message) : err;
      });
      const init = await initImageFor(row.params, userId);
      const publisher = new PreviewPublisher(model.previewFactors, async ({ step, steps, preview }) => {
        await saveProgress(redis, id, { step, steps, preview });
        events.emit(userId, 'generation:progress', { id, step, steps, preview: preview as unknown as ArrayBuffer });
      });
      previews = publisher;
      let lastStep = performance.now();
      const request = { ...row.params, init };
      const checkpoints = { redis, generationId: id, every: deps.checkpointEvery ?? 0 };
      const result = await generateWithCheckpoints(model, request, {
        signal,
        suspend: deps.shutdown,
        onStep: async ({ step, steps, latents, denoised, shape }) => {
          const now = performance.now();
          deps.onStepTime?.(now - lastStep);
          // The step's estimate of the final image previews far better than the noisy latents.
          publisher.offer(step, steps, denoised ?? latents, shape);
          if (deps.stepDelayMs) await new Promise((r) => setTimeout(r, deps.stepDelayMs));
          lastStep = performance.now();
        },
      }, checkpoints);
      await publisher.flush();
      const finishStart = performance.now();
      const [classifier, thresholds] = await Promise.all([nsfw(), withDbRetry(`thresholds for ${id}`, () => loadNsfwThresholds(db))]);
      const finished = await finishImage(
        { ...result, params: row.params, generationId: id, appVersion: deps.appVersion, flaggedCategory: row.flaggedCategory, initScores: init?.scores },
        classifier,
        thresholds,
      );
      if (finished.blocked) {
        const reason = 'The finished image was blocked by the content filter and was not stored.';
        const { changed, refunded } = await withDbRetry(`block ${id}`, () => blockGeneration(db, id, reason));
        await clearProgress(redis, id).catch(() => {});
        await dropCheckpoint(id);
        if (changed) events.emit(userId, 'generation:failed', { id, error: reason, refunded });
        console.log(`[worker] generation ${id} blocked: ${finished.verdict.reasons.join('; ')}`);
        return { blocked: true };
      }
      const key = imageKey(userId, id, 0);
      const thumb = thumbnailKey(userId, id, 0);
      await storage.put(key, finished.png, 'image/png');
      await storage.put(thumb, finished.thumb, 'image/webp');
      const timings = { ...result.timingsMs, postprocess: Math.round(performance.now() - finishStart) };
      const moderation = finished.verdict.decision === 'review' ? ('review' as const) : ('clear' as const);
      if (moderation === 'review') console.log(`[worker] generation ${id} queued for review: ${finished.verdict.reasons.join('; ')}`);
      const stored = [
        {
          index: 0,
          key,
          thumbKey: thumb,
          mime: 'image/png',
          size: finished.png.length,
          width: result.width,
          height: result.height,
          sha256: finished.sha256,
          seed: row.params.seed,
          nsfwScores: finished.scores,
          moderation,
          watermarkId: finished.watermarkId,
        },
      ];
      const inserted = await withDbRetry(`complete ${id}`, () => completeGeneration(db, { id, userId }, stored, timings, result.warnings));
      await clearProgress(redis, id).catch(() => {});
      await dropCheckpoint(id);
      if (inserted.length > 0) {
        events.emit(userId, 'generation:done', { id, images: await Promise.all(inserted.map(toGeneratedImage)) });
      }
      return { images: inserted.length };
    } catch (err) {
      await previews?.flush().catch(() => {}); // no late frame may land after the outcome
      if (isGenerationCancelled(err)) {
        const { changed, refunded } = await withDbRetry(`cancel ${id}`, () => markCancelled(db, id, err.completedSteps));
        await clearProgress(redis, id).catch(() => {});
        await dropCheckpoint(id);
        if (changed) events.emit(userId, 'generation:cancelled', { id, refunded });
        console.log(`[worker] generation ${id} cancelled after ${err.completedSteps} steps, ${refunded} credits refunded`);
        return { cancelled: true };
      }
      if (isGenerationSuspended(err) && token) {
        // Back to the front of the queue without using up an attempt; the checkpoint stays.
        await db
          .update(generations)
          .set({ status: 'queued', error: null })
          .where(and(eq(generations.id, id), eq(generations.status, 'running')));
        await job.moveToWait(token);
        events.emit(userId, 'generation:queued', { id, position: 0 });
        console.log(`[worker] generation ${id} suspended after ${err.completedSteps} steps: shutting down`);
        throw new WaitingError();
      }
      const reason = failureReason(err);
      console.error(`[worker] generation ${id} attempt ${job.attemptsMade + 1} failed: ${(err as Error).stack ?? err}`);
      if (isFinalAttempt(job, err)) {
        const { changed, refunded } = await withDbRetry(`fail ${id}`, () => failGeneration(db, id, reason));
        await dropCheckpoint(id);
        if (changed) events.emit(userId, 'generation:failed', { id, error: reason, refunded });
      } else {
        await db.update(generations).set({ status: 'queued', error: `Retrying after: ${reason}` }).where(eq(generations.id, id));
        events.emit(userId, 'generation:queued', { id, position: null });
      }
      throw err;
    } finally {
      cancels.unregister(id);
      deps.onJob?.(null);
    }
  };
}
