import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { creditLedger, generations } from '../server/db/schema';
import { startHarness, type Harness } from './testing/harness';

// The reconciler against real Postgres and Redis: queue state is damaged by hand, as a Redis
// data loss or a crash would leave it, then repaired.
let h: Harness;
let reconcile: typeof import('../server/queue/reconcile').reconcile;
beforeAll(async () => {
  h = await startHarness();
  ({ reconcile } = await import('../server/queue/reconcile'));
});
afterAll(async () => h?.stop());

const age = (id: string) => h.db.update(generations).set({ createdAt: sql`now() - interval '5 minutes'` }).where(eq(generations.id, id));

describe('reconcile', () => {
  it('re-enqueues a queued generation whose job Redis lost, and it then completes, charged once', async () => {
    const userId = await h.newUser();
    h.worker.pause();
    const r = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
    if (!r.ok) throw new Error('not accepted');
    await (await h.findJob(r.id))!.job.remove();
    await age(r.id);
    expect(await reconcile(h.settleDeps)).toContainEqual({ id: r.id, action: 'requeued' });
    expect(await reconcile(h.settleDeps)).not.toContainEqual({ id: r.id, action: 'requeued' }); // idempotent
    h.worker.resume();
    expect((await h.finished(r.id)).status).toBe('succeeded');
    const entries = await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, r.id));
    expect(entries.map((e) => e.kind)).toEqual(['debit']);
  });

  it('fails and refunds a generation left running with no job behind it', async () => {
    const userId = await h.newUser();
    h.worker.pause();
    const r = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
    if (!r.ok) throw new Error('not accepted');
    await (await h.findJob(r.id))!.job.remove();
    await h.db.update(generations).set({ status: 'running' }).where(eq(generations.id, r.id));
    await age(r.id);
    h.worker.resume();
    expect(await reconcile(h.settleDeps)).toContainEqual({ id: r.id, action: 'failed' });
    const [row] = await h.db.select().from(generations).where(eq(generations.id, r.id));
    expect(row).toMatchObject({ status: 'failed', error: 'The generation was lost by the queue.' });
    expect(await h.ledger.balanceOf(h.db, userId)).toBe(500);
  });

  it('leaves young and healthy generations alone', async () => {
    const userId = await h.newUser();
    h.worker.pause();
    const r = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
    if (!r.ok) throw new Error('not accepted');
    await (await h.findJob(r.id))!.job.remove(); // young: may be between insert and enqueue
    expect((await reconcile(h.settleDeps)).map((x) => x.id)).not.toContain(r.id);
    h.worker.resume();
  });
});
