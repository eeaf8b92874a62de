import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import { creditLedger, images } from '../server/db/schema';
import { auditLog, settings, userNotices } from '../server/db/safety-schema';
import { startHarness, type Harness } from './testing/harness';
import { extractWatermark } from '../server/provenance/watermark';
import { readPngText } from '../server/provenance/png-text';
import { thumbnailWebp } from '../server/storage/thumbnail';

// The after-generation layer end to end: real worker, real classifier (nsfwjs on tfjs wasm),
// real Postgres, local storage. The tiny random-weight model makes noise-like images, which the
// classifier scores as harmless; thresholds set low make it flag or block them anyway.
let h: Harness;
let review: typeof import('../server/moderation/review-queue');
let decide: typeof import('../server/moderation/decide-images');
const admin = { id: '', email: 'mod@example.com' };

beforeAll(async () => {
  h = await startHarness();
  review = await import('../server/moderation/review-queue');
  decide = await import('../server/moderation/decide-images');
  admin.id = await h.newUser();
}, 60_000);
afterAll(async () => h?.stop());

async function setThresholds(value: { blurAt: number; blockAt: number } | null) {
  await h.db.delete(settings).where(eq(settings.key, 'nsfw.thresholds'));
  if (value) await h.db.insert(settings).values({ key: 'nsfw.thresholds', value });
}

async function run(prompt: string) {
  const userId = await h.newUser();
  const r = await h.createGeneration(userId, { prompt, width: 128, height: 128, steps: 2, seed: 11 });
  if (!r.ok) throw new Error(r.error.message);
  const row = await h.finished(r.id);
  const [image] = await h.db.select().from(images).where(eq(images.generationId, r.id));
  return { userId, id: r.id, row, image };
}

describe('image moderation in the worker', () => {
  it('stores scores, a readable watermark and metadata, and leaves a clean image clear at the shipped thresholds', async () => {
    await setThresholds(null);
    const { row, image } = await run('a quiet harbour at dawn');
    expect(row.status).toBe('succeeded');
    expect(image.moderation).toBe('clear');
    expect(Object.keys(image.nsfwScores ?? {}).sort()).toEqual(['drawing', 'hentai', 'neutral', 'porn', 'sexy']);
    const png = (await h.storage.get(image.key))!;
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const mark = extractWatermark(new Uint8Array(data), 128, 128, 3);
    expect(mark.found && mark.payload.toString()).toBe(image.watermarkId);
    const text = readPngText(png);
    expect(text.parameters).toMatch(/^a quiet harbour at dawn\nSteps: 2, Sampler: DDIM, CFG scale: 7.5, Seed: 11, Size: 128x128, Model: tiny-sd$/);
    expect(JSON.parse(text.kumori)).toMatchObject({ prompt: 'a quiet harbour at dawn', generationId: row.id, steps: 2, seed: 11, version: 'test' });
  });

  it('with a low review threshold, blurs the image for its owner and queues it for review', async () => {
    await setThresholds({ blurAt: 0.0001, blockAt: 1 });
    const { userId, id, image } = await run('a lighthouse in fog');
    expect(image.moderation).toBe('review');
    const { toGeneratedImage } = await import('../server/gallery/image-urls');
    const shown = await toGeneratedImage(image);
    expect(shown.pending).toBe(true);
    expect(shown.url).toContain(encodeURIComponent(image.thumbKey).replace(/%2F/g, '/'));
    const queue = await review.listReviewQueue(h.db);
    expect(queue.items.find((i) => i.id === image.id)).toMatchObject({ generationId: id, prompt: 'a lighthouse in fog', user: { id: userId } });

    const blurred = (await h.storage.get(image.thumbKey))!;
    expect(await decide.decideImages(admin, { ids: [image.id], decision: 'approve' })).toEqual({ ok: true, decided: 1, skipped: 0 });
    const restored = (await h.storage.get(image.thumbKey))!;
    const png = (await h.storage.get(image.key))!;
    expect(blurred.equals(await thumbnailWebp({ encoded: png }, { blur: true })), 'the owner saw the blurred thumbnail').toBe(true);
    expect(restored.equals(await thumbnailWebp({ encoded: png })), 'approval restores the sharp one').toBe(true);
    const [after] = await h.db.select().from(images).where(eq(images.id, image.id));
    expect(after.moderation).toBe('approved');
    expect((await toGeneratedImage(after)).pending).toBe(false);
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.targetId, image.id), eq(auditLog.action, 'image.approve')));
    expect(entry).toMatchObject({ actorEmail: 'mod@example.com', before: { moderation: 'review' }, after: { moderation: 'approved' } });
    expect(await decide.decideImages(admin, { ids: [image.id], decision: 'reject' })).toEqual({ ok: true, decided: 0, skipped: 1 });
  });

  it('a rejected image leaves storage and the owner gets a notice; the row stays for provenance', async () => {
    await setThresholds({ blurAt: 0.0001, blockAt: 1 });
    const a = await run('a red kite over dunes');
    const b = await run('a blue kite over dunes');
    const result = await decide.decideImages(admin, { ids: [a.image.id, b.image.id], decision: 'reject', note: 'Not allowed here.' });
    expect(result).toEqual({ ok: true, decided: 2, skipped: 0 });
    for (const { image, userId } of [a, b]) {
      expect(await h.storage.exists(image.key)).toBe(false);
      expect(await h.storage.exists(image.thumbKey)).toBe(false);
      const [row] = await h.db.select().from(images).where(eq(images.id, image.id));
      expect(row).toMatchObject({ moderation: 'rejected', watermarkId: image.watermarkId });
      const notices = await h.db.select().from(userNotices).where(eq(userNotices.userId, userId));
      expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/kite over dunes.*removed by a moderator.*Not allowed here\./)]);
    }
    expect((await review.listReviewQueue(h.db)).items.map((i) => i.id)).not.toContain(a.image.id);
    expect(await decide.decideImages(admin, { ids: [], decision: 'reject' })).toMatchObject({ ok: false, error: { message: 'Select at least one image.' } });
  });

  it('with a low block threshold, stores nothing, ends the generation blocked and refunds it once', async () => {
    await setThresholds({ blurAt: 0.0001, blockAt: 0.0001 });
    const { userId, id, row, image } = await run('a snowy village');
    expect(row.status).toBe('blocked');
    expect(row.error).toMatch(/blocked by the content filter/);
    expect(image).toBeUndefined();
    expect(await h.storage.exists(`images/${userId}/${id}/0.png`)).toBe(false);
    const ledger = await h.db.select().from(creditLedger).where(eq(creditLedger.generationId, id));
    expect(ledger.map((e) => [e.kind, e.amount]).sort()).toEqual([['debit', -1], ['refund', 1]]);
    expect(await h.ledger.balanceOf(h.db, userId)).toBe(500);
  });

  it('sends a flagged prompt’s image to review even when the classifier finds it clean', async () => {
    await setThresholds(null);
    const { row, image } = await run('a gory battlefield painting');
    expect(row.flaggedCategory).toBe('violence-gore');
    expect(image.moderation).toBe('review');
  });
});
