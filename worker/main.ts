import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { createDb } from '../server/db/client';
import { env } from '../server/env';
import { createRedis } from '../server/redis/connection';
import { storageFromEnv } from '../server/storage';
import { WarmPool } from './models/warm-pool';
import { listModels } from '../server/models/list-models';
import { registerModels } from '../server/models/registry';
import { loadNsfwClassifier } from '../server/safety/nsfw/classifier';
import { startWorker } from './assemble-worker';
import pkg from '../package.json';

const RECONCILE_EVERY_MS = 60_000;

async function main() {
  const config = env();
  const workerId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const db = createDb(config.DATABASE_URL, 4);
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

  const worker = await startWorker({
    workerId,
    db,
    connect: () => createRedis('worker'),
    prefix: config.REDIS_PREFIX,
    storage: storageFromEnv(),
    pool,
    nsfw: async () => nsfw,
    appVersion: pkg.version,
    executionProvider: config.EXECUTION_PROVIDER,
    installedModels: installed.map((m) => m.id),
    concurrency: config.WORKER_CONCURRENCY,
    stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
    relaxMaxWaitMs: config.RELAX_MAX_WAIT_SECONDS * 1000,
    stepDelayMs: config.WORKER_STEP_DELAY_MS,
    checkpointEvery: config.CHECKPOINT_EVERY,
    reconcileEveryMs: RECONCILE_EVERY_MS,
  });

  console.log(`[worker] ${workerId} waiting for jobs (models in ${config.MODELS_DIR}, ${config.EXECUTION_PROVIDER})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: taking no more jobs; the current one stops at its next step, checkpointed and requeued`);
    // A job still running at the deadline is picked up again by another worker once it stalls,
    // from its last periodic checkpoint.
    const force = setTimeout(() => {
      console.error(`[worker] the current job did not stop within ${config.WORKER_SHUTDOWN_GRACE_MS} ms; exiting anyway`);
      process.exit(1);
    }, config.WORKER_SHUTDOWN_GRACE_MS).unref();
    await worker.stop();
    await pool.releaseAll();
    await db.$client.end({ timeout: 2 }).catch(() => {});
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
