import type { Job } from 'bullmq';
import type IORedis from 'ioredis';
import type { Db } from '../server/db/client';
import { withDbRetry } from '../server/db/retry';
import { listenForCancels } from '../server/generations/cancel-signal';
import { settleGeneration, type SettleDeps } from '../server/generations/settle';
import type { GenerationJob } from '../server/queue/jobs';
import { reconcile } from '../server/queue/reconcile';
import { UserEvents } from '../server/realtime/emitter';
import type { NsfwClassifier } from '../server/safety/nsfw/classifier';
import type { StorageDriver } from '../server/storage/driver';
import { CancelRegistry } from './cancel-registry';
import { TierDispatcher } from './dispatch/tier-dispatcher';
import { warmElsewhere } from './dispatch/warm-routing';
import { startHeartbeat } from './heartbeat';
import { startMaintenance } from './maintenance/maintenance-worker';
import { startWebhookDelivery } from './webhooks/delivery-worker';
import { env } from '../server/env';
import type { WarmPool } from './models/warm-pool';
import { createProcessor, failureReason } from './process-generation';

export type WorkerOptions = {
  workerId: string;
  db: Db;
  /** Opens a Redis connection that retries forever (BullMQ's rule); the worker closes the ones it opens. */
  connect: () => IORedis;
  prefix: string;
  storage: StorageDriver;
  pool: WarmPool;
  nsfw?: () => Promise<NsfwClassifier>;
  appVersion: string;
  executionProvider: string;
  installedModels: string[];
  concurrency: number;
  /**
   * A job's lock lasts this long and stalled jobs are looked for this often: a killed worker's
   * job is taken over between one and two intervals after the kill, from its checkpoint.
   */
  stalledIntervalMs: number;
  relaxMaxWaitMs: number;
  stepDelayMs?: number;
  checkpointEvery?: number;
  /** Reconcile Postgres with the queues this often (every worker does; repairs are idempotent); 0: never. */
  reconcileEveryMs: number;
  /** Replaces the model-aware hand-off (warm-routing.ts). */
  handOff?: (job: Job<GenerationJob>) => Promise<boolean>;
};

export type RunningWorker = Awaited<ReturnType<typeof startWorker>>;

/**
 * One worker, wired the same way for `worker/main.ts` and the integration tests: heartbeat,
 * cancel listener, the processor, the failure handler, the tier dispatcher and the reconciler.
 * Every status change it causes goes through the settle gate.
 */
export async function startWorker(o: WorkerOptions) {
  const redis = o.connect();
  const publisher = o.connect();
  const subscriber = o.connect();
  const settleDeps: SettleDeps = { db: o.db, redis, events: new UserEvents(publisher) };
  // Handlers that run beside the jobs (failure clean-up, reconcile), awaited on stop.
  const chores = new Set<Promise<unknown>>();
  const chore = (work: Promise<unknown>) => {
    chores.add(work);
    void work.finally(() => chores.delete(work));
  };

  let currentJob: string | null = null;
  let stepsPerSecond: number | null = null;
  const heartbeat = startHeartbeat(o.db, o.workerId, o.executionProvider, () => ({
    currentJob,
    stepsPerSecond,
    installedModels: o.installedModels,
    warmModels: o.pool.warmModels(),
  }));

  const cancels = new CancelRegistry();
  await listenForCancels(subscriber, (id) => {
    if (cancels.cancel(id)) console.log(`[worker] cancel requested for ${id}: stopping at the next step`);
  });

  // Aborted on stop: the running job checkpoints at its next step and is requeued.
  const shutdown = new AbortController();
  const processor = createProcessor({
    ...settleDeps,
    cancels,
    storage: o.storage,
    pool: o.pool,
    appVersion: o.appVersion,
    nsfw: o.nsfw,
    stepDelayMs: o.stepDelayMs,
    checkpointEvery: o.checkpointEvery,
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
  // failed and refunded; the gate changes a generation once, so reaching it twice is harmless.
  const onFailed = (job: Job<GenerationJob>, err: Error) =>
    chore(
      (async () => {
        if ((await job.getState()) !== 'failed') return;
        const reason = failureReason(err);
        await withDbRetry(`fail ${job.id}`, () => settleGeneration(settleDeps, job.data.generationId, { status: 'failed', reason }));
      })().catch((e) => console.error(`[worker] could not close failed job ${job.id}: ${(e as Error).message}`)),
    );

  const dispatcher = new TierDispatcher({
    redis: o.connect,
    prefix: o.prefix,
    process: async (job, token) => {
      const result = await processor(job, token);
      console.log(`[worker] generation ${job.id} (${job.queueName}) finished`);
      return result;
    },
    concurrency: o.concurrency,
    lockDurationMs: o.stalledIntervalMs,
    stalledIntervalMs: o.stalledIntervalMs,
    relaxMaxWaitMs: o.relaxMaxWaitMs,
    onFailed,
    handOff:
      o.handOff ??
      (async (job) => !!job.data.model && !o.pool.warmModels().includes(job.data.model) && (await warmElsewhere(o.db, o.workerId, job.data.model))),
  });
  await dispatcher.start();
  const maintenance = await startMaintenance({ db: o.db, storage: o.storage, connect: o.connect, prefix: o.prefix });
  const webhooks = await startWebhookDelivery({ db: o.db, connect: o.connect, prefix: o.prefix, authSecret: env().AUTH_SECRET, allowPrivate: env().WEBHOOK_ALLOW_PRIVATE });

  const reconciler =
    o.reconcileEveryMs > 0
      ? setInterval(() => {
          chore(
            reconcile(settleDeps)
              .then((repairs) => repairs.forEach((r) => console.log(`[worker] reconciled ${r.id}: ${r.action}`)))
              .catch((err: Error) => console.error(`[worker] reconcile failed: ${err.message}`)),
          );
        }, o.reconcileEveryMs)
      : undefined;

  return {
    id: o.workerId,
    /** Pause and resume taking jobs. */
    dispatcher,
    /**
     * Takes no more jobs; the running ones stop at their next step, checkpointed and requeued
     * (or finish first); then the heartbeat row goes and the connections it opened close.
     */
    async stop() {
      shutdown.abort();
      clearInterval(reconciler);
      await dispatcher.close();
      await maintenance.stop();
      await webhooks.stop();
      await Promise.allSettled([...chores]);
      await heartbeat.stop();
      await Promise.allSettled([redis.quit(), publisher.quit(), subscriber.quit()]);
    },
  };
}
