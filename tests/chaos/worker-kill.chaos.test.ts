import fs from 'node:fs';
import path from 'node:path';
import IORedis from 'ioredis';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditLedger, generations, images, workers as workersTable } from '../../server/db/schema';
import { setupTestEnv } from '../../server/testing/test-env';
import { loadModel, type LoadedModel } from '../../worker/models/load-model';
import { WorkerProcess } from '../support/worker-process';
import { embedWatermark } from '../../server/provenance/watermark';
import pkg from '../../package.json';

/*
 * Chaos: real worker processes on the real stack (own Postgres database, own Redis prefix, local
 * storage in a temp folder). A worker is SIGKILLed or SIGTERMed in the middle of a job; the job
 * must end exactly as if nothing had happened: one charge, one image, the same bytes.
 */
const root = path.resolve(__dirname, '..', '..');
const STEPS = 20;
const STEP_DELAY_MS = 500; // ~10 s a job on the tiny model
const STALL_MS = 5000;
const CHECKPOINT_EVERY = 5;
const REQUEST = { prompt: 'a red circle on a blue background', width: 64, height: 64, steps: STEPS, guidance: 7, sampler: 'dpmpp_2m' };

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let redis: IORedis;
let model: LoadedModel;
let workerEnv: NodeJS.ProcessEnv;
const procs: WorkerProcess[] = [];
let m: {
  createGeneration: typeof import('../../server/generations/create').createGeneration;
  signUp: typeof import('../../server/auth/users').signUp;
  readProgress: typeof import('../../server/generations/progress').readProgress;
  storage: import('../../server/storage/driver').StorageDriver;
  generate: typeof import('../../worker/engine/pipeline').generate;
  encodeImage: typeof import('../../worker/postprocess/encode-image').encodeImage;
  closeQueue: () => Promise<void>;
};

function startWorker(name: string): WorkerProcess {
  const w = new WorkerProcess(name, workerEnv);
  procs.push(w);
  return w;
}

beforeAll(async () => {
  t = await setupTestEnv();
  process.env.MODELS_DIR = path.join(root, 'worker', 'models');
  process.env.DEFAULT_MODEL = 'tiny-sd'; // the fast random-weight model; the reference run below uses it
  workerEnv = {
    ...process.env,
    WORKER_STEP_DELAY_MS: String(STEP_DELAY_MS),
    WORKER_STALLED_INTERVAL_MS: String(STALL_MS),
    CHECKPOINT_EVERY: String(CHECKPOINT_EVERY),
    WORKER_SHUTDOWN_GRACE_MS: '15000',
    // One thread each: two workers and this test share the machine's cores.
    ORT_INTRA_OP_THREADS: '1',
  };
  const started = [startWorker('worker-a'), startWorker('worker-b')];
  const [create, users, progress, storage, pipeline, encode, queue, { env }] = await Promise.all([
    import('../../server/generations/create'),
    import('../../server/auth/users'),
    import('../../server/generations/progress'),
    import('../../server/storage'),
    import('../../worker/engine/pipeline'),
    import('../../worker/postprocess/encode-image'),
    import('../../server/queue/generation-queue'),
    import('../../server/env'),
  ]);
  m = {
    createGeneration: create.createGeneration,
    signUp: users.signUp,
    readProgress: progress.readProgress,
    storage: storage.storageFromEnv(),
    generate: pipeline.generate,
    encodeImage: encode.encodeImage,
    closeQueue: async () => void (await Promise.all((['turbo', 'fast', 'relax'] as const).map((t) => queue.tierQueue(t).close()))),
  };
  redis = new IORedis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
  // The uninterrupted reference runs here, with the workers' ONNX settings.
  model = await loadModel(path.join(root, 'worker', 'models', 'tiny-sd'), { executionProvider: 'cpu', intraOpThreads: 1, graphOptimizationLevel: 'all' });
  await Promise.all(started.map((w) => w.ready(90_000)));
}, 150_000);

afterAll(async () => {
  await Promise.allSettled(procs.map((w) => w.kill()));
  const failed = procs.filter((w) => w.lines.some((l) => /Error|failed/.test(l.text)));
  for (const w of failed) console.log(`[chaos] output of ${w.name}:\n${w.output()}`);
  await model?.release().catch(() => {});
  await m?.closeQueue().catch(() => {});
  if (redis) {
    const prefix = process.env.REDIS_PREFIX!;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) if (keys.length) await redis.del(...(keys as string[]));
    await redis.quit().catch(() => {});
  }
  await t?.teardown();
}, 60_000);

async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${procs.map((w) => w.output()).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function newUser(): Promise<string> {
  const r = await m.signUp({ email: `chaos-${Math.random().toString(36).slice(2)}@example.com`, password: 'password123' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

async function submit(userId: string, input: Record<string, unknown>): Promise<string> {
  const r = await m.createGeneration(userId, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.id;
}

/** The worker process running the job, from the heartbeat row it writes when it takes one. */
function holderOf(id: string): Promise<WorkerProcess> {
  return waitUntil(`a worker to take ${id}`, 30_000, async () => {
    const rows = await t.db.select({ id: workersTable.id }).from(workersTable).where(eq(workersTable.currentJob, id));
    return procs.find((w) => w.isRunning && rows.some((r) => r.id === w.workerId));
  });
}

const progressOf = async (id: string) => (await m.readProgress(redis, id))?.step ?? 0;
const checkpointKey = (id: string) => `${process.env.REDIS_PREFIX}:checkpoint:${id}`;

function finished(id: string) {
  return waitUntil(`${id} to finish`, 60_000, async () => {
    const [row] = await t.db.select().from(generations).where(eq(generations.id, id));
    return ['succeeded', 'failed', 'cancelled', 'blocked'].includes(row.status) && row;
  });
}

/** The first line matching `pattern` in any worker's output. */
function lineFromAny(pattern: RegExp, timeoutMs: number) {
  return Promise.any(procs.map(async (w) => ({ worker: w, ...(await w.waitFor(pattern, timeoutMs)) })));
}

/** Everything a user or operator could see of a finished generation, checked against an uninterrupted run. */
async function expectAsIfUninterrupted(id: string, userId: string) {
  const row = await finished(id);
  expect(row.status, row.error ?? '').toBe('succeeded');
  const ledger = await t.db.select().from(creditLedger).where(eq(creditLedger.generationId, id));
  expect(ledger.filter((e) => e.kind === 'debit')).toHaveLength(1);
  expect(ledger.filter((e) => e.kind === 'refund')).toHaveLength(0);
  const rows = await t.db.select().from(images).where(eq(images.generationId, id));
  expect(rows).toHaveLength(1);

  const reference = await m.generate(model, row.params);
  // The watermark's id is random per image, and embedding it is deterministic given the id.
  const { watermarkId } = rows[0];
  const marked = watermarkId ? embedWatermark(reference.rgb, reference.width, reference.height, 3, BigInt(watermarkId)) : reference.rgb;
  const expected = await m.encodeImage(marked, reference, row.params, { generationId: id, appVersion: pkg.version });
  const png = await m.storage.get(rows[0].key);
  expect(png).not.toBeNull();
  const pixels = await sharp(png!).raw().toBuffer();
  expect(pixels.equals(Buffer.from(marked)), 'pixels equal the uninterrupted run').toBe(true);
  expect(png!.equals(expected.png), 'PNG bytes equal the uninterrupted run').toBe(true);
  expect(rows[0].sha256).toBe(expected.sha256);

  // No orphans: the generation's folder holds its image and thumbnail, and the user's nothing else.
  const userDir = path.join(t.dataDir, 'storage', 'images', userId);
  const files = (fs.readdirSync(userDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(userDir, f)).isFile());
  expect(files.filter((f) => f.startsWith(`${id}/`)).sort()).toEqual([`${id}/0.png`, `${id}/0.thumb.webp`]);
  expect(files.filter((f) => !/^[0-9a-f-]{36}\/0\.(png|thumb\.webp)$/.test(f)), 'no temp or stray files').toEqual([]);
  expect(await redis.exists(checkpointKey(id)), 'checkpoint deleted').toBe(0);
  return row;
}

async function expectNothingRunning() {
  const stuck = await t.db.select({ id: generations.id, status: generations.status }).from(generations).where(eq(generations.status, 'running'));
  expect(stuck).toEqual([]);
}

describe('chaos: worker processes dying mid-job', () => {
  it('SIGKILL: the job moves to the other worker and resumes from its checkpoint to the same image', async () => {
    const userId = await newUser();
    const id = await submit(userId, { ...REQUEST, seed: 424242 });
    const holder = await holderOf(id);
    await waitUntil(`${id} to pass its first checkpoint`, 30_000, async () => (await progressOf(id)) >= CHECKPOINT_EVERY + 2 && (await redis.exists(checkpointKey(id))) === 1);

    holder.signal('SIGKILL');
    const killedAt = Date.now();
    const resumed = await lineFromAny(new RegExp(`resumed ${id} from step (\\d+) of (\\d+) \\(previous attempt reached step (\\d+)`), 4 * STALL_MS + 10_000);
    const recoveryMs = resumed.line.at - killedAt;
    const [from, of, reached] = resumed.match.slice(1, 4).map(Number);
    expect(resumed.worker).not.toBe(holder);
    expect(from).toBeGreaterThanOrEqual(CHECKPOINT_EVERY);
    expect(from % CHECKPOINT_EVERY).toBe(0);
    expect(of).toBe(STEPS);
    expect(reached).toBeGreaterThanOrEqual(from);

    const row = await expectAsIfUninterrupted(id, userId);
    const doneMs = Date.now() - killedAt;
    expect(row.attempts).toBe(2);
    await expectNothingRunning();
    expect(await holder.exited).toMatchObject({ signal: 'SIGKILL' });
    console.log(
      `[chaos] SIGKILL ${holder.name} at step ~${reached}/${STEPS}; ${resumed.worker.name} resumed from step ${from} ` +
        `(${from} steps kept, ${reached - from} redone, ${STEPS - from} run after the kill); recovery ${recoveryMs} ms after the kill ` +
        `(stall interval ${STALL_MS} ms), finished ${doneMs} ms after; 1 debit, 0 refunds, 1 image, PNG byte-identical to an uninterrupted run`,
    );
  }, 120_000);

  it('SIGTERM: the worker checkpoints the job, requeues it and exits 0; another finishes it from there', async () => {
    const replacement = startWorker('worker-c');
    await replacement.ready(90_000);
    const userId = await newUser();
    const id = await submit(userId, { ...REQUEST, seed: 777 });
    const holder = await holderOf(id);
    // Before the first periodic checkpoint: the one it resumes from is the shutdown's own.
    await waitUntil(`${id} to run a few steps`, 30_000, async () => (await progressOf(id)) >= 2);

    holder.signal('SIGTERM');
    const termAt = Date.now();
    // Submitted while it shuts down: the stopping worker must not take it.
    const next = await submit(userId, { ...REQUEST, steps: 4, seed: 778 });
    const exit = await holder.exited;
    const shutdownMs = exit.at - termAt;
    expect(exit.code).toBe(0);
    const suspended = await holder.waitFor(new RegExp(`generation ${id} suspended after (\\d+) steps`), 1000);
    const at = Number(suspended.match[1]);
    const resumed = await lineFromAny(new RegExp(`resumed ${id} from step (\\d+) of ${STEPS}`), 20_000);
    const takeoverMs = resumed.line.at - termAt;
    expect(resumed.worker).not.toBe(holder);
    expect(Number(resumed.match[1])).toBe(at);

    await expectAsIfUninterrupted(id, userId);
    await expectAsIfUninterrupted(next, userId);
    expect(holder.output()).not.toContain(next);
    await expectNothingRunning();
    console.log(
      `[chaos] SIGTERM ${holder.name} at step ~${at}/${STEPS}: checkpointed at step ${at}, requeued, exited 0 after ${shutdownMs} ms; ` +
        `${resumed.worker.name} resumed from step ${at} ${takeoverMs} ms after the signal (0 steps redone); ` +
        `a job submitted during shutdown ran elsewhere; both PNGs byte-identical to uninterrupted runs`,
    );
  }, 120_000);
});
