import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditLedger, generations, images, users } from '../../server/db/schema';
import { setupTestEnv } from '../../server/testing/test-env';
import { WorkerProcess } from '../support/worker-process';

/*
 * Chaos: the Redis that holds the queue restarts while jobs are queued and running. A private
 * redis-server, configured as README's "Durability" asks (AOF, fsync on every write), on a free
 * port with its data in a temp folder; real worker processes against it.
 */
const root = path.resolve(__dirname, '..', '..');
const JOBS = 6;

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let redisDir: string;
let port: number;
let server: ChildProcess | undefined;
const procs: WorkerProcess[] = [];
let createGeneration: typeof import('../../server/generations/create').createGeneration;
let signUp: typeof import('../../server/auth/users').signUp;
let balanceOf: typeof import('../../server/billing/ledger').balanceOf;
let closeQueue: () => Promise<void>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function startRedis(): Promise<void> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
  server = spawn('redis-server', args, { detached: true, stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new IORedis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const pong = await probe.connect().then(() => probe.ping(), () => null);
    probe.disconnect();
    if (pong === 'PONG') return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SHUTDOWN (a clean stop: Redis writes and fsyncs before exiting) or SIGKILL (a crash). */
async function stopRedis(how: 'SHUTDOWN' | 'SIGKILL'): Promise<void> {
  const exited = new Promise((r) => server!.once('exit', r));
  if (how === 'SIGKILL') {
    process.kill(server!.pid!, 'SIGKILL');
  } else {
    // A connection that never retries: SHUTDOWN closes it before any reply.
    const admin = new IORedis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
    await admin.call('SHUTDOWN').catch(() => {});
    admin.disconnect();
  }
  await exited;
  server = undefined;
}

beforeAll(async () => {
  port = await freePort();
  redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumori-redis-'));
  await startRedis();
  t = await setupTestEnv();
  Object.assign(process.env, { REDIS_URL: `redis://127.0.0.1:${port}`, MODELS_DIR: path.join(root, 'worker', 'models'), DEFAULT_MODEL: 'tiny-sd' });
  const env = { ...process.env, WORKER_STEP_DELAY_MS: '150', CHECKPOINT_EVERY: '3', ORT_INTRA_OP_THREADS: '1' };
  const started = [new WorkerProcess('worker-a', env), new WorkerProcess('worker-b', env)];
  procs.push(...started);
  ({ createGeneration } = await import('../../server/generations/create'));
  ({ signUp } = await import('../../server/auth/users'));
  ({ balanceOf } = await import('../../server/billing/ledger'));
  const queue = await import('../../server/queue/generation-queue');
  closeQueue = async () => void (await Promise.all((['turbo', 'fast', 'relax'] as const).map((t) => queue.tierQueue(t).close())));
  await Promise.all(started.map((w) => w.ready(90_000)));
}, 150_000);

afterAll(async () => {
  await Promise.allSettled(procs.map((w) => w.kill()));
  await closeQueue?.().catch(() => {});
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  await t?.teardown();
  if (redisDir) fs.rmSync(redisDir, { recursive: true, force: true });
}, 60_000);

async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${procs.map((w) => w.output()).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('chaos: Redis restarts under load', () => {
  it.each(['SHUTDOWN', 'SIGKILL'] as const)('%s: loses no accepted job; every one completes once, charged once', async (how) => {
    const r = await signUp({ email: `chaos-redis-${how}-${Date.now()}@example.com`, password: 'password123' });
    if (!r.ok) throw new Error(r.error.message);
    const userId = r.value.id;
    // Pro: room for all the test's jobs in the queue at once (the free plan waits 4).
    await t.db.update(users).set({ plan: 'pro' }).where(eq(users.id, userId));
    const accepted: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const g = await createGeneration(userId, { prompt: `job ${i}`, width: 64, height: 64, steps: 10, seed: 100 + i, sampler: 'euler_a' });
      if (!g.ok) throw new Error(g.error.message);
      accepted.push(g.id);
    }
    const statuses = async () => t.db.select({ status: generations.status }).from(generations).where(inArray(generations.id, accepted));
    // Restart with work in every state: some done, some running, some still queued.
    await waitUntil('a first job to finish', 30_000, async () => (await statuses()).some((s) => s.status === 'succeeded'));
    const before = (await statuses()).map((s) => s.status).sort();

    const downAt = Date.now();
    await stopRedis(how);
    // While Redis is down a new request is refused, and not charged.
    const refused = await createGeneration(userId, { prompt: 'during the outage', width: 64, height: 64, steps: 10 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'queue_unavailable' } });
    // A deliberate outage: long enough for every worker to notice and start reconnecting.
    await new Promise((res) => setTimeout(res, Math.max(0, 1500 - (Date.now() - downAt))));
    await startRedis();
    const outageMs = Date.now() - downAt;

    const rows = await waitUntil('every accepted job to finish', 90_000, async () => {
      const all = await t.db.select().from(generations).where(inArray(generations.id, accepted));
      return all.every((g) => !['queued', 'running'].includes(g.status)) && all;
    });
    const drainedMs = Date.now() - downAt;
    expect(Object.fromEntries(rows.map((g) => [g.id, g.status]))).toEqual(Object.fromEntries(accepted.map((id) => [id, 'succeeded'])));
    const ledger = await t.db.select().from(creditLedger).where(eq(creditLedger.userId, userId));
    for (const id of accepted) {
      expect(ledger.filter((e) => e.generationId === id).map((e) => e.kind)).toEqual(['debit']);
      expect(await t.db.select().from(images).where(eq(images.generationId, id))).toHaveLength(1);
    }
    expect(await balanceOf(t.db, userId)).toBe(500 - JOBS * rows[0].cost);
    console.log(
      `[chaos] Redis ${how} and restarted (AOF, appendfsync always) with jobs ${before.join(', ')}; down ${outageMs} ms; ` +
        `all ${JOBS} accepted jobs succeeded, one debit and one image each, ${drainedMs} ms after the stop; ` +
        `a request during the outage was refused and not charged`,
    );
  }, 120_000);
});
