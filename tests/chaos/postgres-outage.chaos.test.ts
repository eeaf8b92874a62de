import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditLedger, generations } from '../../server/db/schema';
import { readProgress } from '../../server/generations/progress';
import { startHarness, type Harness } from '../../worker/testing/harness';
import { startProxy } from './tcp-proxy';

// The worker reaches the real Postgres through a TCP proxy; the test cuts it mid-job (every
// connection dropped, new ones refused) for a few seconds, as a restart or failover would.
let h: Harness;
let proxy: Awaited<ReturnType<typeof startProxy>>;
beforeAll(async () => {
  proxy = await startProxy(5432);
  h = await startHarness({ stepDelayMs: 100, workerDbUrl: (url) => url.replace(':5432/', `:${proxy.port}/`) });
});
afterAll(async () => {
  await h?.stop();
  await proxy?.close();
});

describe('chaos: Postgres briefly unreachable', () => {
  it('the worker retries its writes: the job completes in its first attempt, charged once', async () => {
    const userId = await h.newUser();
    const r = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 20 });
    if (!r.ok) throw new Error('not accepted');
    for (const until = Date.now() + 30_000; ((await readProgress(h.redis, r.id))?.step ?? 0) < 5 && Date.now() < until; ) {
      await new Promise((res) => setTimeout(res, 20));
    }
    proxy.cut();
    const cutAt = Date.now();
    console.log('postgres-outage: cut the worker off Postgres at step >= 5; the job finishes its steps meanwhile');
    await new Promise((res) => setTimeout(res, 4000)); // longer than the remaining ~1.5 s of steps
    await proxy.restore();
    const row = await h.finished(r.id, 60_000);
    console.log(`postgres-outage: restored after ${Date.now() - cutAt} ms; generation ${row.status}, attempts ${row.attempts}`);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(1); // the write waited for Postgres instead of failing the attempt
    const entries = await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, r.id));
    expect(entries.map((e) => e.kind)).toEqual(['debit']);
    const [stored] = await h.db.select().from(generations).where(eq(generations.id, r.id));
    expect(stored.finishedAt!.getTime()).toBeGreaterThan(cutAt + 3500);
  }, 120_000);
});
