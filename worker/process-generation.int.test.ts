import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { and, eq } from 'drizzle-orm';
import { creditLedger, generations, images } from '../server/db/schema';
import { startHarness, type Harness } from './testing/harness';

// Real Postgres, real Redis + BullMQ, real ONNX inference on the shipped tiny model, local storage.
let h: Harness;
let db: Harness['db'];
let mod: Harness & { balanceOf: Harness['ledger']['balanceOf'] };
let worker: Harness['worker'];

beforeAll(async () => {
  h = await startHarness();
  db = h.db;
  worker = h.worker;
  mod = { ...h, balanceOf: h.ledger.balanceOf };
});
afterAll(async () => h?.stop());

const newUser = () => h.newUser();
const finished = (id: string) => h.finished(id);
const ledgerOf = (generationId: string) => db.select().from(creditLedger).where(eq(creditLedger.generationId, generationId));

describe('generation path', () => {
  it('charges once, runs the model, stores the image and indexes it', async () => {
    const userId = await newUser();
    const r = await mod.createGeneration(userId, { prompt: 'a red circle', width: 128, height: 128, steps: 4, guidance: 7, seed: 7 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.balance).toBe(500 - 1);
    expect((await h.findJob(r.id))?.job.id).toBe(r.id);

    const row = await finished(r.id);
    expect(row.status).toBe('succeeded');
    expect(row.timings).toHaveProperty('decode');
    const [img] = await db.select().from(images).where(eq(images.generationId, r.id));
    expect(img).toMatchObject({ userId, width: 128, height: 128, mime: 'image/png', key: `images/${userId}/${r.id}/0.png` });
    const bytes = await mod.storage.get(img.key);
    expect(bytes).not.toBeNull();
    expect(createHash('sha256').update(bytes!).digest('hex')).toBe(img.sha256);
    expect(bytes!.length).toBe(img.size);
    expect(await mod.storage.exists(img.thumbKey)).toBe(true);

    const entries = await ledgerOf(r.id);
    expect(entries.map((e) => [e.kind, e.amount])).toEqual([['debit', -1]]);
    expect(await mod.balanceOf(db, userId)).toBe(499);
  });

  it('the same seed gives byte-identical images', async () => {
    const userId = await newUser();
    const req = { prompt: 'a blue square', width: 64, height: 64, steps: 3, seed: 99 };
    const a = await mod.createGeneration(userId, req);
    const b = await mod.createGeneration(userId, req);
    if (!a.ok || !b.ok) throw new Error('not accepted');
    await finished(a.id);
    await finished(b.id);
    const [ia] = await db.select().from(images).where(eq(images.generationId, a.id));
    const [ib] = await db.select().from(images).where(eq(images.generationId, b.id));
    // The PNG's text chunk carries the generation id, so the files differ; the pixels must not.
    const sharp = (await import('sharp')).default;
    const pa = await sharp((await mod.storage.get(ia.key))!).raw().toBuffer();
    const pb = await sharp((await mod.storage.get(ib.key))!).raw().toBuffer();
    expect(pa.length).toBe(64 * 64 * 3);
    expect(pa.equals(pb)).toBe(true);
  });

  it('refunds a failed generation exactly once, with a readable reason', async () => {
    const userId = await newUser();
    const r = await mod.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2, model: 'ghost-model' });
    if (!r.ok) throw new Error('not accepted');
    const row = await finished(r.id);
    expect(row.status).toBe('failed');
    expect(row.error).toBe('Model "ghost-model" is not installed on this worker.');
    expect(await h.settle.settleGeneration(h.settleDeps, r.id, { status: 'failed', reason: 'again' })).toEqual({ changed: false, refunded: false });
    const entries = await ledgerOf(r.id);
    expect(entries.map((e) => e.kind).sort()).toEqual(['debit', 'refund']);
    expect(await mod.balanceOf(db, userId)).toBe(500);
  });

  it('refuses a generation the balance cannot cover, and enqueues nothing', async () => {
    const userId = await newUser();
    const big = { prompt: 'x', width: 1024, height: 1024, steps: 100, model: 'ghost-model' };
    const first = await mod.createGeneration(userId, big); // 400 credits
    expect(first.ok).toBe(true);
    const countBefore = await db.select().from(generations).where(eq(generations.userId, userId));
    const second = await mod.createGeneration(userId, big);
    expect(second).toMatchObject({ ok: false, error: { code: 'insufficient_credits' } });
    if (!second.ok) expect(second.error.message).toContain('costs 400 credits and your balance is 100');
    expect(await db.select().from(generations).where(eq(generations.userId, userId))).toHaveLength(countBefore.length);
    if (first.ok) await finished(first.id);
  });

  it('accepts exactly as many parallel requests as the balance covers', async () => {
    const userId = await h.newUser('pro'); // pro queues up to 50; fast tier at the base price
    // 500 credits, 100 each: five fit, whatever the interleaving. The worker is paused so that no
    // failed job's refund lands mid-burst and pays for a sixth.
    await worker.pause();
    const req = { prompt: 'x', width: 512, height: 512, steps: 100, model: 'ghost-model' };
    const results = await Promise.all(Array.from({ length: 12 }, () => mod.createGeneration(userId, req)));
    worker.resume();
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.error.code === 'insufficient_credits')).toHaveLength(7);
    const debits = await db.select().from(creditLedger).where(and(eq(creditLedger.userId, userId), eq(creditLedger.kind, 'debit')));
    expect(debits).toHaveLength(5);
    for (const r of results) if (r.ok) await finished(r.id);
  });

  it('refuses a model no worker has registered, before charging', async () => {
    const userId = await newUser();
    const r = await mod.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2, model: 'nonexistent' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid', fields: { model: 'Model "nonexistent" is not installed. Installed: ghost-model, tiny-sd.' } } });
    expect(await mod.balanceOf(db, userId)).toBe(500);
  });

  it('rolls the debit back when Redis is unreachable at submit', async () => {
    const { useTierQueue, tierQueue } = h.queueMod;
    const real = tierQueue('relax');
    const dead = new Queue('generations', {
      connection: new IORedis({ host: '127.0.0.1', port: 1, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null }),
    });
    dead.on('error', () => {});
    useTierQueue('relax', dead as never);
    try {
      const userId = await newUser();
      const r = await mod.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
      expect(r).toMatchObject({ ok: false, error: { code: 'queue_unavailable' } });
      expect(await mod.balanceOf(db, userId)).toBe(500);
      const rows = await db.select().from(generations).where(eq(generations.userId, userId));
      expect(rows.map((g) => g.status)).toEqual(['failed']);
    } finally {
      useTierQueue('relax', real);
      await dead.close().catch(() => {});
    }
  });
});
