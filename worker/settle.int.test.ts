import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { creditLedger, generations } from '../server/db/schema';
import { readCheckpointBytes, writeCheckpointBytes } from '../server/generations/checkpoints';
import { readProgress, saveProgress } from '../server/generations/progress';
import type { UserEvents } from '../server/realtime/emitter';
import { startHarness, type Harness } from './testing/harness';

// The settle gate on real Postgres and Redis; the worker is paused, so each generation is moved
// by hand to the state a worker would have left it in. Events are recorded instead of published.
let h: Harness;
let reconcile: typeof import('../server/queue/reconcile').reconcile;
let storeUpload: typeof import('../server/uploads/store-upload').storeUpload;
beforeAll(async () => {
  h = await startHarness();
  h.worker.pause();
  ({ reconcile } = await import('../server/queue/reconcile'));
  ({ storeUpload } = await import('../server/uploads/store-upload'));
});
afterAll(async () => h?.stop());

function recorded() {
  const sent: unknown[][] = [];
  const events = { emit: (...args: unknown[]) => void sent.push(args) } as unknown as UserEvents;
  return { sent, deps: { ...h.settleDeps, events } };
}

/** A generation some worker claimed and ran two steps of, whose job is gone: running, with progress and a checkpoint. */
async function runningGeneration() {
  const userId = await h.newUser();
  const r = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 4 });
  if (!r.ok) throw new Error('not accepted');
  await (await h.findJob(r.id))!.job.remove();
  await h.db.update(generations).set({ status: 'running' }).where(eq(generations.id, r.id));
  await saveProgress(h.redis, r.id, { step: 2, steps: 4, preview: null });
  await writeCheckpointBytes(h.redis, r.id, Buffer.from('KCP1'));
  return { userId, id: r.id, cost: r.cost };
}

/** An image-to-image generation a worker claimed; its job is gone. */
async function runningImageToImage(params: { width: number; height: number; steps: number; strength: number }) {
  const userId = await h.newUser();
  const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2040e0' } }).png().toBuffer();
  const upload = await storeUpload(userId, photo);
  if (!upload.ok) throw new Error(upload.error.message);
  const r = await h.createGeneration(userId, { prompt: 'x', ...params, initImage: upload.id });
  if (!r.ok) throw new Error('not accepted');
  await (await h.findJob(r.id))!.job.remove();
  await h.db.update(generations).set({ status: 'running' }).where(eq(generations.id, r.id));
  return { userId, id: r.id, cost: r.cost };
}

const kindsOf = async (id: string) => (await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, id))).map((e) => e.kind).sort();
const rowOf = async (id: string) => (await h.db.select().from(generations).where(eq(generations.id, id)))[0];

describe('settleGeneration', () => {
  it('fails a generation once: refunds it, clears its progress and checkpoint, and tells the user once', async () => {
    const { userId, id } = await runningGeneration();
    const { sent, deps } = recorded();
    expect(await h.settle.settleGeneration(deps, id, { status: 'failed', reason: 'It broke.' })).toEqual({ changed: true, refunded: true });
    expect(await h.settle.settleGeneration(deps, id, { status: 'failed', reason: 'Again.' })).toEqual({ changed: false, refunded: false });
    expect(sent).toEqual([[userId, 'generation:failed', { id, error: 'It broke.', refunded: true }]]);
    expect(await rowOf(id)).toMatchObject({ status: 'failed', error: 'It broke.' });
    expect(await kindsOf(id)).toEqual(['debit', 'refund']);
    expect(await h.ledger.balanceOf(h.db, userId)).toBe(500);
    expect(await readProgress(h.redis, id)).toBeNull();
    expect(await readCheckpointBytes(h.redis, id)).toBeNull();
  });

  it('requeues only a running generation and keeps its checkpoint; an ended one is never brought back', async () => {
    const { userId, id, cost } = await runningGeneration();
    const { sent, deps } = recorded();
    const requeue = { status: 'queued', error: 'Retrying after: a blip', position: null } as const;
    expect(await h.settle.settleGeneration(deps, id, requeue)).toEqual({ changed: true });
    expect(await rowOf(id)).toMatchObject({ status: 'queued', error: 'Retrying after: a blip' });
    expect(await readCheckpointBytes(h.redis, id)).not.toBeNull();
    expect(await h.settle.settleGeneration(deps, id, requeue)).toEqual({ changed: false }); // queued, not running

    expect(await h.settle.settleGeneration(deps, id, { status: 'cancelled', completedSteps: 0 })).toEqual({ changed: true, refunded: cost });
    expect(await h.settle.settleGeneration(deps, id, requeue)).toEqual({ changed: false });
    expect((await rowOf(id)).status).toBe('cancelled');
    expect(sent).toEqual([
      [userId, 'generation:queued', { id, position: null }],
      [userId, 'generation:cancelled', { id, refunded: cost }],
    ]);
    expect(await readCheckpointBytes(h.redis, id)).toBeNull();
  });

  // Cost 13 credits for the steps that run (512x256: half a credit a step); the worker counts
  // completed steps among those, so the refund is a share of those, not of the steps asked for.
  it.each([
    { width: 512, height: 256, steps: 50, strength: 0.5, completed: 20, runs: 25, refund: 2 },
    { width: 320, height: 256, steps: 50, strength: 0.8, completed: 30, runs: 40, refund: 3 },
    { width: 320, height: 256, steps: 50, strength: 0.8, completed: 40, runs: 40, refund: 0 },
  ])('refunds a cancelled image-to-image generation the share of the steps it runs: $completed of $runs', async (c) => {
    const { userId, id, cost } = await runningImageToImage(c);
    expect(cost).toBe(13);
    const { sent, deps } = recorded();
    expect(await h.settle.settleGeneration(deps, id, { status: 'cancelled', completedSteps: c.completed })).toEqual({ changed: true, refunded: c.refund });
    expect(sent).toEqual([[userId, 'generation:cancelled', { id, refunded: c.refund }]]);
    expect(await h.ledger.balanceOf(h.db, userId)).toBe(500 - 13 + c.refund);
    const refunds = (await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, id))).filter((e) => e.kind === 'refund');
    expect(refunds.map((e) => [e.amount, e.reason])).toEqual(c.refund ? [[c.refund, `Cancelled after ${c.completed} of ${c.runs} steps`]] : []);
  });

  it('tells the user when the reconciler fails a generation the queue lost', async () => {
    const { userId, id } = await runningGeneration();
    await h.db.update(generations).set({ createdAt: sql`now() - interval '5 minutes'` }).where(eq(generations.id, id));
    const { sent, deps } = recorded();
    expect(await reconcile(deps)).toContainEqual({ id, action: 'failed' });
    expect(sent).toContainEqual([userId, 'generation:failed', { id, error: 'The generation was lost by the queue.', refunded: true }]);
    expect(await readProgress(h.redis, id)).toBeNull();
  });
});
