import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditLedger } from '../server/db/schema';
import { settings } from '../server/db/safety-schema';
import { startHarness, type Harness } from './testing/harness';

// Upload, price and run image-to-image on the real stack.
let h: Harness;
let storeUpload: typeof import('../server/uploads/store-upload').storeUpload;
beforeAll(async () => {
  h = await startHarness();
  ({ storeUpload } = await import('../server/uploads/store-upload'));
});
afterAll(async () => h?.stop());

const photo = () =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: '#d03020' } })
    .composite([{ input: { create: { width: 100, height: 100, channels: 3, background: '#2040e0' } }, left: 100, top: 50 }])
    .jpeg()
    .toBuffer();

describe('image to image', () => {
  it('starts from an uploaded image, runs strength x steps and charges for those', async () => {
    const userId = await h.newUser();
    const upload = await storeUpload(userId, await photo());
    expect(upload).toMatchObject({ ok: true, width: 300, height: 200 });
    if (!upload.ok) return;
    const req = { prompt: 'a blue square', width: 512, height: 512, steps: 20, seed: 3, initImage: upload.id, strength: 0.5 };
    const r = await h.createGeneration(userId, req);
    expect(r).toMatchObject({ ok: true, cost: 10 }); // 10 of 20 steps run
    if (!r.ok) return;
    const row = await h.finished(r.id);
    expect(row.status).toBe('succeeded');
    expect(row.params).toMatchObject({ initImage: upload.id, strength: 0.5 });
    const timings = row.timings as { steps: number[]; encodeImage?: number };
    expect(timings.steps).toHaveLength(10);
    expect(timings.encodeImage).toBeGreaterThan(0);
    const debits = await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, r.id));
    expect(debits.map((d) => d.amount)).toEqual([-10]);
  });

  it("refuses another user's upload id as if it did not exist", async () => {
    const owner = await h.newUser();
    const other = await h.newUser();
    const upload = await storeUpload(owner, await photo());
    if (!upload.ok) throw new Error('upload refused');
    const r = await h.createGeneration(other, { prompt: 'x', width: 64, height: 64, steps: 4, initImage: upload.id });
    expect(r).toMatchObject({ ok: false, error: { fields: { initImage: 'The init image is no longer available. Upload it again.' } } });
    expect(await h.ledger.balanceOf(h.db, other)).toBe(500);
  });

  it('classifies uploads: refuses one at the block threshold and stores nothing, accepts one below it', async () => {
    const userId = await h.newUser();
    const setThresholds = (value: { blurAt: number; blockAt: number }) =>
      h.db.insert(settings).values({ key: 'nsfw.thresholds', value }).onConflictDoUpdate({ target: settings.key, set: { value } });
    try {
      await setThresholds({ blurAt: 0.0001, blockAt: 0.0001 });
      expect(await storeUpload(userId, await photo())).toEqual({
        ok: false,
        error: { code: 'blocked_content', message: expect.stringMatching(/^The content filter refused this image/) },
      });
      expect(await h.storage.deletePrefix(`uploads/${userId}/`)).toBe(0);
      await setThresholds({ blurAt: 0.0001, blockAt: 1 });
      expect(await storeUpload(userId, await photo())).toMatchObject({ ok: true });
    } finally {
      await h.db.delete(settings).where(eq(settings.key, 'nsfw.thresholds'));
    }
  });
});
