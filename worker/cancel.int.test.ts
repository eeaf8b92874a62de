import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditLedger } from '../server/db/schema';
import { readProgress } from '../server/generations/progress';
import { startHarness, type Harness } from './testing/harness';

// Real stack; each step pauses 40 ms so a running job can be caught mid-way.
let h: Harness;
let storeUpload: typeof import('../server/uploads/store-upload').storeUpload;
beforeAll(async () => {
  h = await startHarness({ stepDelayMs: 40 });
  ({ storeUpload } = await import('../server/uploads/store-upload'));
});
afterAll(async () => h?.stop());

const refundsOf = async (id: string) =>
  (await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, id))).filter((e) => e.kind === 'refund');

/** Polls the live progress until the worker has run `steps` steps; returns what the user sees. */
async function progressAt(id: string, steps: number) {
  for (const until = Date.now() + 20_000; Date.now() < until; ) {
    const progress = await readProgress(h.redis, id);
    if ((progress?.step ?? 0) >= steps) return progress!;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error(`generation ${id} did not reach step ${steps}`);
}

describe('cancel', () => {
  it('removes a queued job and refunds it in full; a second cancel says it is already cancelled', async () => {
    const userId = await h.newUser();
    await h.worker.pause();
    try {
      const r = await h.createGeneration(userId, { prompt: 'x', width: 512, height: 512, steps: 40 });
      if (!r.ok) throw new Error('not accepted');
      expect(await h.ledger.balanceOf(h.db, userId)).toBe(460);
      expect(await h.cancelGeneration(userId, r.id)).toEqual({ ok: true, state: 'cancelled', refunded: 40, message: 'Cancelled. 40 credits refunded.' });
      expect(await h.findJob(r.id)).toBeNull();
      expect(await h.ledger.balanceOf(h.db, userId)).toBe(500);
      expect(await h.cancelGeneration(userId, r.id)).toMatchObject({ ok: true, state: 'already_finished', message: 'This generation is already cancelled.' });
      expect(await refundsOf(r.id)).toHaveLength(1);
    } finally {
      h.worker.resume();
    }
  });

  it('stops a running job at a step boundary and refunds the steps it did not run', async () => {
    const userId = await h.newUser();
    const r = await h.createGeneration(userId, { prompt: 'x', width: 512, height: 512, steps: 40 });
    if (!r.ok) throw new Error('not accepted');
    for (const until = Date.now() + 20_000; Date.now() < until; ) {
      if (((await readProgress(h.redis, r.id))?.step ?? 0) >= 3) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(await h.cancelGeneration(userId, r.id)).toMatchObject({ ok: true, state: 'stopping' });
    const row = await h.finished(r.id);
    expect(row.status).toBe('cancelled');
    const [refund] = await refundsOf(r.id);
    // 40 credits for 40 steps: a job stopped after k steps keeps k credits.
    const kept = 40 - refund.amount;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(40);
    expect(refund.reason).toBe(`Cancelled after ${kept} of 40 steps`);
    expect(await h.ledger.balanceOf(h.db, userId)).toBe(500 - kept);
    expect(await h.cancelGeneration(userId, r.id)).toMatchObject({ state: 'already_finished' });
  });

  it('refunds a cancelled image-to-image job the share of the steps it runs, not of those asked for', async () => {
    const userId = await h.newUser();
    const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#d03020' } }).png().toBuffer();
    const upload = await storeUpload(userId, photo);
    if (!upload.ok) throw new Error(upload.error.message);
    // 50 steps at strength 0.5 run 25; 512x256 costs half a credit a step: 13 credits.
    const r = await h.createGeneration(userId, { prompt: 'x', width: 512, height: 256, steps: 50, strength: 0.5, initImage: upload.id });
    expect(r).toMatchObject({ ok: true, cost: 13 });
    if (!r.ok) return;
    expect((await progressAt(r.id, 3)).steps).toBe(25);
    expect(await h.cancelGeneration(userId, r.id)).toMatchObject({ ok: true, state: 'stopping' });
    expect((await h.finished(r.id)).status).toBe('cancelled');
    const [refund] = await refundsOf(r.id);
    const ran = Number(/^Cancelled after (\d+) of 25 steps$/.exec(refund?.reason ?? '')?.[1]);
    expect(ran).toBeGreaterThanOrEqual(3);
    expect(ran).toBeLessThan(25);
    expect(refund.amount).toBe(13 - Math.ceil((13 * ran) / 25));
    expect(await h.ledger.balanceOf(h.db, userId)).toBe(500 - 13 + refund.amount);
  });

  it('cancelling a finished generation is harmless and says so', async () => {
    const userId = await h.newUser();
    const r = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
    if (!r.ok) throw new Error('not accepted');
    expect((await h.finished(r.id)).status).toBe('succeeded');
    expect(await h.cancelGeneration(userId, r.id)).toEqual({
      ok: true,
      state: 'already_finished',
      message: 'This generation already finished; nothing to cancel.',
    });
    expect(await refundsOf(r.id)).toHaveLength(0);
  });

  it("refuses to cancel another user's generation", async () => {
    const owner = await h.newUser();
    const other = await h.newUser();
    const r = await h.createGeneration(owner, { prompt: 'x', width: 64, height: 64, steps: 2 });
    if (!r.ok) throw new Error('not accepted');
    expect(await h.cancelGeneration(other, r.id)).toEqual({ ok: false, error: { code: 'not_found', message: 'Generation not found.' } });
    await h.finished(r.id);
  });
});

describe('cancelRefund', () => {
  it('keeps the share of steps run, rounded up, and refunds the rest', async () => {
    const { cancelRefund } = h.settle;
    expect(cancelRefund(40, 0, 40)).toBe(40);
    expect(cancelRefund(40, 3, 40)).toBe(37);
    expect(cancelRefund(5, 1, 20)).toBe(4);
    expect(cancelRefund(5, 20, 20)).toBe(0);
  });
});
