import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';

// Throughput and latency of `POST /api/v1/generations` over HTTP (autocannon, many users, keys,
// no worker consuming), beside its floor: the same transaction and BullMQ add in this process,
// without HTTP, auth or validation. Also what the rate-limit check adds to a request.
//
//   npm run build && npm run bench:api
//
// It starts `npm run web` on its own database and Redis prefix (BENCH_PORT, default 3400), or
// measures BENCH_URL if set (then DATABASE_URL and REDIS_PREFIX must be that server's).
const ROOT = path.resolve(__dirname, '..');
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const USERS = Number(process.env.USERS ?? 400);
const MODEL = 'bench-model';
if (!process.env.BENCH_URL) {
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/kumori_bench';
  process.env.REDIS_PREFIX ??= `kumori-bench-${Date.now()}`;
  process.env.DATA_DIR ??= `/tmp/kumori-bench-${process.pid}`;
}
const BASE = process.env.BENCH_URL ?? `http://localhost:${PORT}`;
const BODY = { prompt: 'a red circle over a blue square', width: 512, height: 512, steps: 20, model: MODEL, tier: 'fast' };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function main() {
  const { ensureDatabase, migrateDatabase } = await import('../server/db/migrate');
  const { env } = await import('../server/env');
  await ensureDatabase(env().DATABASE_URL);
  await migrateDatabase(env().DATABASE_URL);
  const { db } = await import('../server/db/client');
  const { users, models } = await import('../server/db/schema');
  const { apiKeys } = await import('../server/db/api-schema');
  const { grantCredits } = await import('../server/billing/ledger');
  const { generateApiKey } = await import('../server/api/keys/key-format');

  await db().insert(models).values({ id: MODEL, displayName: 'Bench', nativeWidth: 512, nativeHeight: 512 }).onConflictDoNothing();
  console.log(`[bench] creating ${USERS} Pro users with a key and credits…`);
  const callers: Array<{ userId: string; key: string }> = [];
  for (let i = 0; i < USERS; i++) {
    const [u] = await db().insert(users).values({ email: `bench-${randomUUID()}@example.com`, passwordHash: 'x', plan: 'pro' }).returning();
    await grantCredits(db(), u.id, 10_000_000, 'bench', `bench:${u.id}`);
    const key = generateApiKey();
    await db().insert(apiKeys).values({ userId: u.id, name: 'bench', prefix: key.prefix, keyHash: key.hash, scopes: ['generate', 'read'] });
    callers.push({ userId: u.id, key: key.key });
  }

  const server = process.env.BENCH_URL ? null : await startWeb();
  try {
    const http = await measureHttp(callers.map((c) => c.key));
    const floor = await measureFloor(callers.map((c) => c.userId));
    const limiter = await measureRateLimit(callers[0].userId);
    console.log(`\nPOST /api/v1/generations, ${CONNECTIONS} connections, ${SECONDS} s, ${USERS} users, no worker`);
    console.log(`  HTTP API: ${http.rps.toFixed(0)} req/s, p50 ${http.p50} ms, p99 ${http.p99} ms (${http.ok} answered 202, ${http.other} other)`);
    console.log(`  floor (transaction + BullMQ add in-process, concurrency ${CONNECTIONS}): ${floor.rps.toFixed(0)} /s, p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms`);
    console.log(`  API / floor: ${((100 * http.rps) / floor.rps).toFixed(0)}% (target at least 50%)`);
    console.log(`  rate-limit check (one Redis script, 4 buckets): p50 ${limiter.p50.toFixed(3)} ms, p99 ${limiter.p99.toFixed(3)} ms over ${limiter.n} calls`);
  } finally {
    server?.kill('SIGTERM');
    const { redis } = await import('../server/redis/connection');
    const { closeTierQueues } = await import('../server/testing/queues');
    await closeTierQueues().catch(() => {});
    await redis().quit().catch(() => {});
    await db().$client.end({ timeout: 5 });
  }
  process.exit(0);
}

async function startWeb(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    // Any answer will do: health says 503 while no worker runs, which is this bench's setup.
    const up = await fetch(`${BASE}/api/health`).then(() => true, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('the web server did not start (run `npm run build` first)');
}

async function measureHttp(keys: string[]) {
  let next = 0;
  const body = JSON.stringify(BODY);
  // Warm-up, not counted: the first requests load the route's modules (Next loads a route's
  // code on first use) and fill the connection pools; the figure is the sustained rate.
  const warmup = () => ({ authorization: `Bearer ${keys[next++ % keys.length]}`, 'content-type': 'application/json' });
  await autocannon({ url: `${BASE}/api/v1/generations`, connections: CONNECTIONS, duration: 3, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, headers: warmup(), body }) }] });
  let ok = 0;
  let other = 0;
  const result = await autocannon({
    url: `${BASE}/api/v1/generations`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        // Each request is a different user's key, as many clients would send.
        setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${keys[next++ % keys.length]}`, 'content-type': 'application/json' }, body }),
        onResponse: (status) => (status === 202 ? ok++ : other++),
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok, other };
}

/** What the API cannot go below: lock, count, insert, debit in one transaction, then the BullMQ add. */
async function measureFloor(userIds: string[]) {
  const { db } = await import('../server/db/client');
  const { generations } = await import('../server/db/schema');
  const { debitForGeneration, lockUserCredits } = await import('../server/billing/ledger');
  const { enqueueGeneration } = await import('../server/queue/generation-queue');
  const { and, eq, inArray, sql } = await import('drizzle-orm');
  const params = { ...BODY, negativePrompt: '', guidance: 7.5, seed: 1, sampler: 'ddim' };
  const latencies: number[] = [];
  let done = 0;
  let next = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        const userId = userIds[next++ % userIds.length];
        const t0 = performance.now();
        const id = await db().transaction(async (tx) => {
          await lockUserCredits(tx, userId);
          await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(generations)
            .where(and(eq(generations.userId, userId), inArray(generations.status, ['queued', 'running'])));
          const [row] = await tx.insert(generations).values({ userId, params, cost: 20, tier: 'fast' }).returning({ id: generations.id });
          await debitForGeneration(tx, userId, row.id, 20);
          return row.id;
        });
        await enqueueGeneration({ generationId: id, userId, model: MODEL }, 'fast', 1);
        latencies.push(performance.now() - t0);
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { rps: done / elapsed, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function measureRateLimit(userId: string) {
  const { limitApiCall } = await import('../server/api/rate-limit');
  // A caller with a huge plan would need a plan that does not exist; Pro's 1200/min is spent in a
  // second, so each call uses a fresh caller id: the cost measured is the script, not the refusal.
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const caller = { user: { id: `${userId}-${i}`, email: 'bench', role: 'user' as const }, keyId: `k${i}`, keyCapped: false, scopes: ['generate' as const], plan: 'pro' as const, balance: 0, account: { plan: 'pro' as const, suspended: false, admin: false, webhooks: false } };
    const t0 = performance.now();
    await limitApiCall(caller, ['request', 'generation']);
    times.push(performance.now() - t0);
  }
  return { p50: pct(times, 50), p99: pct(times, 99), n: times.length };
}

main().catch((err) => {
  console.error('[bench] failed:', err);
  process.exit(1);
});
