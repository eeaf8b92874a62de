import path from 'node:path';
import { Queue, QueueEvents, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { eq } from 'drizzle-orm';
import { generations } from '../../server/db/schema';
import { setupTestEnv } from '../../server/testing/test-env';

/**
 * A real generation stack for integration tests: private Postgres database and Redis prefix,
 * the real BullMQ worker running the real processor on the shipped models, local storage.
 * Modules that read env() are imported only after the environment is set.
 */
export async function startHarness(opts: { stepDelayMs?: number } = {}) {
  const t = await setupTestEnv();
  process.env.MODELS_DIR = path.resolve(__dirname, '..', 'models');
  const [{ createGeneration }, { cancelGeneration }, { signUp }, ledger, lifecycle, { storageFromEnv }, queueMod, { env }] =
    await Promise.all([
      import('../../server/generations/create'),
      import('../../server/generations/cancel'),
      import('../../server/auth/users'),
      import('../../server/billing/ledger'),
      import('../../server/generations/lifecycle'),
      import('../../server/storage'),
      import('../../server/queue/generation-queue'),
      import('../../server/env'),
    ]);
  const [{ createProcessor }, { WarmPool }, { UserEvents }, { CancelRegistry }, { listenForCancels }, { registerModels }] =
    await Promise.all([
      import('../process-generation'),
      import('../models/warm-pool'),
      import('../../server/realtime/emitter'),
      import('../cancel-registry'),
      import('../../server/generations/cancel-signal'),
      import('../../server/models/registry'),
    ]);
  // A model some worker registered but this one lacks: accepted at submit, refused by the worker.
  await registerModels(t.db, [
    { id: 'tiny-sd', displayName: 'Tiny', nativeWidth: 512, nativeHeight: 512 },
    { id: 'ghost-model', displayName: 'Ghost', nativeWidth: 512, nativeHeight: 512 },
  ]);
  const redis = new IORedis(env().REDIS_URL, { maxRetriesPerRequest: null });
  const subscriber = redis.duplicate();
  const cancels = new CancelRegistry();
  await listenForCancels(subscriber, (id) => cancels.cancel(id));
  const storage = storageFromEnv();
  const processor = createProcessor({
    db: t.db,
    redis,
    storage,
    events: new UserEvents(redis),
    pool: new WarmPool({ modelsDir: env().MODELS_DIR, executionProvider: 'cpu', maxMegabytes: 512 }),
    appVersion: 'test',
    cancels,
    stepDelayMs: opts.stepDelayMs,
  });
  const connection = redis.duplicate();
  const worker = new Worker('generations', processor, { connection, prefix: env().REDIS_PREFIX });
  const queueEvents = new QueueEvents('generations', { connection: redis.duplicate(), prefix: env().REDIS_PREFIX });
  await queueEvents.waitUntilReady();
  const queue: Queue = queueMod.generationQueue();

  async function newUser(): Promise<string> {
    const r = await signUp({ email: `u-${Math.random().toString(36).slice(2)}@example.com`, password: 'password123' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  }

  /** Waits for the job to leave the queue, then returns the generation row. */
  async function finished(id: string) {
    const job = await queue.getJob(id);
    if (job) await job.waitUntilFinished(queueEvents, 60_000).catch(() => {});
    const [row] = await t.db.select().from(generations).where(eq(generations.id, id));
    return row;
  }

  return {
    db: t.db,
    env,
    queue,
    worker,
    storage,
    redis,
    createGeneration,
    cancelGeneration,
    ledger,
    lifecycle,
    queueMod,
    newUser,
    finished,
    async stop() {
      await worker.close();
      await queueEvents.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await Promise.allSettled([subscriber.quit(), redis.quit()]);
      await t.teardown();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
