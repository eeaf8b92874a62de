import 'server-only';
import { desc, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { workers } from '../db/schema';
import { redis } from '../redis/connection';
import { storageFromEnv } from '../storage';

type Check = { ok: boolean; message?: string; [k: string]: unknown };
// Three missed heartbeats (worker/heartbeat.ts beats every 10 s) mean no live worker.
const WORKER_STALE_MS = 30_000;

async function timed(run: () => Promise<Check>, ms = 3000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, message: `no answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([run().catch((e: Error) => ({ ok: false, message: e.message })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function healthReport() {
  const [database, cache, storage, worker] = await Promise.all([
    timed(async () => (await db().execute(sql`select 1`), { ok: true })),
    timed(async () => ({ ok: (await redis().ping()) === 'PONG' })),
    timed(() => storageFromEnv().check()),
    timed(async () => {
      const [last] = await db().select().from(workers).orderBy(desc(workers.heartbeatAt)).limit(1);
      if (!last) return { ok: false, message: 'no worker has registered' };
      const age = Date.now() - last.heartbeatAt.getTime();
      return { ok: age < WORKER_STALE_MS, lastHeartbeat: last.heartbeatAt.toISOString(), ageMs: age, ...(age >= WORKER_STALE_MS ? { message: 'last worker heartbeat is too old' } : {}) };
    }),
  ]);
  const checks = { database, redis: cache, storage, worker };
  return { ok: Object.values(checks).every((c) => c.ok), checks };
}
