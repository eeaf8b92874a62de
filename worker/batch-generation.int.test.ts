import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { creditLedger, generations, images } from '../server/db/schema';
import type { NsfwClassifier, NsfwScores } from '../server/safety/nsfw/classifier';
import type { GenerationJob } from '../server/queue/jobs';
import { readPngText } from '../server/provenance/png-text';
import { startHarness, type Harness } from './testing/harness';

// n images per generation through the worker: real Postgres, Redis, ONNX and storage. The
// harness's worker runs the plain case; the moderation case drives a processor of its own whose
// classifier blocks chosen images, since real scores cannot be steered per image.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => h?.stop());

const clean: NsfwScores = { drawing: 0.1, hentai: 0, neutral: 0.9, porn: 0, sexy: 0 };
const explicit: NsfwScores = { drawing: 0, hentai: 0, neutral: 0, porn: 1, sexy: 0 };

/** Classifies the i-th image it is shown as `verdicts[i]`. */
function scriptedClassifier(verdicts: NsfwScores[]): NsfwClassifier {
  let seen = 0;
  return { model: 'MobileNetV2', backend: 'wasm', inputSize: 224, classify: async () => verdicts[seen++] ?? clean } as NsfwClassifier;
}

describe('a generation of n images', () => {
  it('stores each image under its own index and seed, one PNG each that reproduces it alone, charged per image', async () => {
    const userId = await h.newUser();
    const single = await h.createGeneration(userId, { prompt: 'a red circle', width: 64, height: 64, steps: 3, seed: 500 });
    const r = await h.createGeneration(userId, { prompt: 'a red circle', width: 256, height: 256, steps: 4, seed: 500, n: '2' });
    if (!r.ok || !single.ok) throw new Error('not accepted');
    expect(r.cost).toBe(2); // 256 x 256 x 4 steps x 2 images / 512²
    const row = await h.finished(r.id);
    expect(row.status).toBe('succeeded');
    expect(row.params.n).toBe(2);
    const rows = await h.db.select().from(images).where(eq(images.generationId, r.id)).orderBy(asc(images.index));
    expect(rows.map((i) => [i.index, i.seed, i.key])).toEqual([
      [0, 500, `images/${userId}/${r.id}/0.png`],
      [1, 501, `images/${userId}/${r.id}/1.png`],
    ]);
    const texts = await Promise.all(rows.map(async (i) => readPngText((await h.storage.get(i.key))!)));
    expect(texts.map((t) => JSON.parse(t.kumori).seed)).toEqual([500, 501]);
    expect(texts.every((t) => JSON.parse(t.kumori).n === undefined)).toBe(true);
    expect(rows[0].sha256).not.toBe(rows[1].sha256);
    expect((await h.finished(single.id)).params.n).toBeUndefined(); // one image: the row is as before
  });

  it('stores what the filter passes, refunds the share of what it blocked, and says so', async () => {
    h.worker.pause();
    try {
      const { createProcessor } = await import('./process-generation');
      const { WarmPool } = await import('./models/warm-pool');
      const pool = new WarmPool({ modelsDir: h.env().MODELS_DIR, executionProvider: 'cpu', maxMegabytes: 512 });
      const process = createProcessor({
        db: h.db, redis: h.redis, storage: h.storage, events: h.settleDeps.events, pool, appVersion: 'test',
        nsfw: async () => scriptedClassifier([clean, explicit, clean]),
      });
      const userId = await h.newUser();
      const r = await h.createGeneration(userId, { prompt: 'a blue square', width: 256, height: 256, steps: 4, seed: 9, n: 3 });
      if (!r.ok) throw new Error(r.error.message);
      await (await h.findJob(r.id))!.job.remove();
      const job = (id: string) => ({ data: { generationId: id, userId }, attemptsMade: 0, opts: { attempts: 1 } }) as unknown as Job<GenerationJob>;
      expect(await process(job(r.id))).toEqual({ images: 2, blocked: 1 });

      const [row] = await h.db.select().from(generations).where(eq(generations.id, r.id));
      expect(row.status).toBe('succeeded');
      expect(row.warnings).toContain('1 of 3 images was blocked by the content filter and not stored; its share of the cost was refunded.');
      const rows = await h.db.select().from(images).where(eq(images.generationId, r.id)).orderBy(asc(images.index));
      expect(rows.map((i) => [i.index, i.seed])).toEqual([[0, 9], [2, 11]]);
      expect(await h.storage.exists(`images/${userId}/${r.id}/1.png`)).toBe(false);
      // Cost 3 for three images; two delivered pay ceil(3 x 2 / 3) = 2, so 1 comes back.
      const ledger = await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, r.id));
      expect(ledger.map((e) => [e.kind, e.amount]).sort()).toEqual([['debit', -3], ['refund', 1]]);

      // All of them blocked: as for one image, the generation is blocked and refunded in full.
      const all = createProcessor({
        db: h.db, redis: h.redis, storage: h.storage, events: h.settleDeps.events, pool, appVersion: 'test',
        nsfw: async () => scriptedClassifier([explicit, explicit]),
      });
      const b = await h.createGeneration(userId, { prompt: 'a blue square', width: 256, height: 256, steps: 4, seed: 9, n: 2 });
      if (!b.ok) throw new Error(b.error.message);
      await (await h.findJob(b.id))!.job.remove();
      expect(await all(job(b.id))).toEqual({ blocked: true });
      const [blocked] = await h.db.select().from(generations).where(eq(generations.id, b.id));
      expect([blocked.status, blocked.error]).toEqual(['blocked', 'All 2 finished images were blocked by the content filter and were not stored.']);
      const refunds = await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, b.id));
      expect(refunds.map((e) => [e.kind, e.amount]).sort()).toEqual([['debit', -2], ['refund', 2]]);
      await pool.releaseAll();
    } finally {
      h.worker.resume();
    }
  });
});
