import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { createDb } from '../server/db/client';
import { env } from '../server/env';
import { failGeneration } from '../server/generations/lifecycle';
import { withDbRetry } from '../server/db/retry';
import type { GenerationJob } from '../server/queue/jobs';
import { TierDispatcher } from './dispatch/tier-dispatcher';
import { warmElsewhere } from './dispatch/warm-routing';
import { reconcile } from '../server/queue/reconcile';
import { UserEvents } from '../server/realtime/emitter';
import { createRedis } from '../server/redis/connection';
import { storageFromEnv } from '../server/storage';
import { startHeartbeat } from './heartbeat';
import { WarmPool } from './models/warm-pool';
import { listModels } from '../server/models/list-models';
import { registerModels } from '../server/models/registry';
import { createProcessor, failureReason } from './process-generation';
import { loadNsfwClassifier } from '../server/safety/nsfw/classifier';
import { deleteCheckpoint } from './checkpoint-store';
import { CancelRegistry } from './cancel-registry';
import { listenForCancels } from '../server/generations/cancel-signal';
import pkg from '../package.json';

const RECONCILE_EVERY_MS = 60_000;

async function main() {
  const config = env();
  const workerId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const db = createDb(config.DATABASE_URL, 4);
  const redis = createRedis('worker');
  const events = new UserEvents(createRedis('worker'));
  const storage = storageFromEnv();
  const pool = new WarmPool({
    modelsDir: config.MODELS_DIR,
    executionProvider: config.EXECUTION_PROVIDER,
    intraOpThreads: config.ORT_INTRA_OP_THREADS || undefined,
    graphOptimizationLevel: config.ORT_GRAPH_OPTIMIZATION,
    maxMegabytes: config.MODEL_POOL_MB,
  });

  // Loaded before the first job takes it, so no user waits for it (and a broken install fails here, loudly).
  const nsfwStart = performance.now();
  const nsfw = await loadNsfwClassifier();
  console.log(`[worker] NSFW classifier ${nsfw.model} on ${nsfw.backend} ready in ${Math.round(performance.now() - nsfwStart)} ms`);

  const installed = await listModels(config.MODELS_DIR);
  if (installed.length === 0) console.warn(`[worker] no models in ${config.MODELS_DIR}: every job will fail`);
  await registerModels(db, installed);

  let currentJob: string | null = null;
  let stepsPerSecond: number | null = null;
  const heartbeat = startHeartbeat(db, workerId, config.EXECUTION_PROVIDER, () => ({
    currentJob,
    stepsPerSecond,
    installedModels: installed.map((m) => m.id),
    warmModels: pool.warmModels(),
  }));

  const cancels = new CancelRegistry();
  await listenForCancels(createRedis('worker'), (id) => {
    if (cancels.cancel(id)) console.log(`[worker] cancel requested for ${id}: stopping at the next step`);
  });

  // Aborted on SIGTERM/SIGINT: the running job checkpoints at its next step and is requeued.
  const shutdown = new AbortController();
  const processor = createProcessor({
    cancels,
    db,
    redis,
    storage,
    events,
    pool,
    appVersion: pkg.version,
    nsfw: async () => nsfw,
    stepDelayMs: config.WORKER_STEP_DELAY_MS,
    checkpointEvery: config.CHECKPOINT_EVERY,
    shutdown: shutdown.signal,
    onJob: (id) => {
      currentJob = id;
      void heartbeat.beat();
    },
    onStepTime: (ms) => {
      const rate = 1000 / Math.max(ms, 1);
      stepsPerSecond = stepsPerSecond === null ? rate : stepsPerSecond * 0.8 + rate * 0.2;
    },
  });

  // Final failures that never reached the processor's catch (a job stalled too often) still end
  // failed and refunded; failGeneration is idempotent, so reaching it twice is harmless.
  const onFailed = (job: Job<GenerationJob>, err: Error) => {
    void (async () => {
      if ((await job.getState()) !== 'failed') return;
      const reason = failureReason(err);
      const { changed, refunded } = await withDbRetry(`fail ${job.id}`, () => failGeneration(db, job.data.generationId, reason));
      await deleteCheckpoint(redis, job.data.generationId);
      if (changed) events.emit(job.data.userId, 'generation:failed', { id: job.data.generationId, error: reason, refunded });
    })().catch((e) => console.error(`[worker] could not close failed job ${job.id}: ${(e as Error).message}`));
  };

  const worker = new TierDispatcher({
    redis: () => createRedis('worker'),
    prefix: config.REDIS_PREFIX,
    process: async (job, token) => {
      const result = await processor(job, token);
      console.log(`[worker] generation ${job.id} (${job.queueName}) finished`);
      return result;
    },
    concurrency: config.WORKER_CONCURRENCY,
    // A killed worker's job is taken over by another one once its lock expires and a stall
    // check runs: between one and two intervals after the kill. It resumes from its checkpoint.
    lockDurationMs: config.WORKER_STALLED_INTERVAL_MS,
    stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
    relaxMaxWaitMs: config.RELAX_MAX_WAIT_SECONDS * 1000,
    onFailed,
    handOff: async (job) =>
      !!job.data.model && !pool.warmModels().includes(job.data.model) && (await warmElsewhere(db, workerId, job.data.model)),
  });
  await worker.start();

  // Every worker reconciles Postgres with the queues now and then; repairs are idempotent.
  const reconciler = setInterval(() => {
    reconcile(db)
      .then((repairs) => repairs.forEach((r) => console.log(`[worker] reconciled ${r.id}: ${r.action}`)))
      .catch((err: Error) => console.error(`[worker] reconcile failed: ${err.message}`));
  }, RECONCILE_EVERY_MS);

  console.log(`[worker] ${workerId} waiting for jobs (models in ${config.MODELS_DIR}, ${config.EXECUTION_PROVIDER})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: taking no more jobs; the current one stops at its next step, checkpointed and requeued`);
    shutdown.abort();
    // A job still running at the deadline is picked up again by another worker once it stalls,
    // from its last periodic checkpoint.
    const force = setTimeout(() => {
      console.error(`[worker] the current job did not stop within ${config.WORKER_SHUTDOWN_GRACE_MS} ms; exiting anyway`);
      process.exit(1);
    }, config.WORKER_SHUTDOWN_GRACE_MS).unref();
    clearInterval(reconciler);
    await worker.close();
    await heartbeat.stop();
    await pool.releaseAll();
    await Promise.allSettled([redis.quit(), db.$client.end({ timeout: 2 })]);
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('[worker] failed to start:', err);
  process.exit(1);
});
