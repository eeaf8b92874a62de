import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { generations, images, users } from '../db/schema';
import { auditLog } from '../db/safety-schema';
import { embedWatermark } from './watermark';
import { syntheticImage } from '../../worker/testing/watermark-test-images';
import { addPngText } from './png-text';

const SIZE = 512;
const WATERMARK_ID = 0xfeed_0123_4567_89abn;

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let check: typeof import('./check-image');
let asAdmin: typeof import('./check-image-as-admin');
let owner: { id: string; email: string };
let generationId: string;
let otherGenerationId: string;
const raw = { raw: { width: SIZE, height: SIZE, channels: 3 as const } };
const marked = embedWatermark(syntheticImage('scene', SIZE, SIZE, 11), SIZE, SIZE, 3, WATERMARK_ID);
const unmarked = syntheticImage('texture', SIZE, SIZE, 12);

beforeAll(async () => {
  t = await setupTestEnv();
  check = await import('./check-image');
  asAdmin = await import('./check-image-as-admin');
  [owner] = await t.db.insert(users).values({ email: 'maker@example.com', passwordHash: 'x' }).returning();
  const params = { prompt: 'a lighthouse at dusk', negativePrompt: '', width: SIZE, height: SIZE, steps: 20, guidance: 7.5, seed: 42, sampler: 'ddim', model: 'demo' };
  const gens = await t.db
    .insert(generations)
    .values([
      { userId: owner.id, status: 'succeeded', cost: 4, params },
      { userId: owner.id, status: 'succeeded', cost: 4, params: { ...params, prompt: 'another' } },
    ])
    .returning();
  [generationId, otherGenerationId] = gens.map((g) => g.id);
  // Rejected by moderation: its file is gone, the row (and so the provenance) stays.
  await t.db.insert(images).values({
    generationId, userId: owner.id, key: 'k/0.png', thumbKey: 'k/0.webp', mime: 'image/png', size: 1, width: SIZE, height: SIZE,
    sha256: 'x', seed: 42, moderation: 'rejected', watermarkId: WATERMARK_ID.toString(),
  });
});
afterAll(async () => {
  await t?.teardown();
});

describe('checkImage', () => {
  it('finds the generation and user behind a JPEG q80, half-size copy', async () => {
    const copy = await sharp(marked, raw).resize(SIZE / 2, SIZE / 2).jpeg({ quality: 80 }).toBuffer();
    const result = await check.checkImage(t.db, copy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.watermark).toMatchObject({ found: true, payload: WATERMARK_ID.toString(), scale: 0.5 });
    expect(result.report.match).toMatchObject({ generationId, userId: owner.id, userEmail: 'maker@example.com', moderation: 'rejected' });
    expect(result.report.match?.params?.prompt).toBe('a lighthouse at dusk');
    expect(result.report).toMatchObject({ metadata: null, agreement: 'metadata-missing', file: { format: 'jpeg', width: 256, height: 256 } });
  });

  it('reads PNG metadata and says whether it agrees with the watermark', async () => {
    const png = await sharp(marked, raw).png().toBuffer();
    const withMeta = (id: string) => addPngText(png, { parameters: 'a lighthouse at dusk\nSteps: 20', kumori: JSON.stringify({ prompt: 'a lighthouse at dusk', generationId: id }) });
    const same = await check.checkImage(t.db, withMeta(generationId));
    expect(same.ok && same.report).toMatchObject({ agreement: 'consistent', metadata: { generationId, parameters: 'a lighthouse at dusk\nSteps: 20' } });
    const forged = await check.checkImage(t.db, withMeta(otherGenerationId));
    expect(forged.ok && forged.report).toMatchObject({ agreement: 'metadata-conflict', match: { generationId } });
  });

  it('finds no watermark in an unmarked image, and flags metadata that claims one', async () => {
    const plain = await check.checkImage(t.db, await sharp(unmarked, raw).png().toBuffer());
    expect(plain.ok && plain.report).toMatchObject({ watermark: { found: false, payload: null }, match: null, metadata: null, agreement: 'none' });
    const claimed = addPngText(await sharp(unmarked, raw).png().toBuffer(), { kumori: JSON.stringify({ generationId }) });
    const forged = await check.checkImage(t.db, claimed);
    expect(forged.ok && forged.report).toMatchObject({ match: null, agreement: 'metadata-unverified', claimed: { generationId, userEmail: 'maker@example.com' } });
  });

  it('refuses what is not an image it can read, saying why', async () => {
    expect(await check.checkImage(t.db, Buffer.from('definitely not an image, just text'))).toEqual({
      ok: false,
      error: { code: 'not_an_image', message: expect.stringMatching(/Upload a PNG, JPEG or WebP/) },
    });
    expect(await check.checkImage(t.db, Buffer.alloc(0))).toMatchObject({ ok: false, error: { code: 'empty' } });
    const truncated = (await sharp(marked, raw).png().toBuffer()).subarray(0, 2000);
    expect(await check.checkImage(t.db, truncated)).toMatchObject({ ok: false, error: { code: 'corrupt' } });
  });

  it('records an admin check in the audit log with what it found', async () => {
    const [admin] = await t.db.insert(users).values({ email: 'admin@example.com', passwordHash: 'x', role: 'admin' }).returning();
    const result = await asAdmin.checkImageAsAdmin(t.db, admin, await sharp(marked, raw).jpeg({ quality: 90 }).toBuffer());
    expect(result.ok).toBe(true);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, 'image.check'));
    expect(entries).toMatchObject([
      { actorEmail: 'admin@example.com', targetType: 'image', after: { watermarkFound: true, watermarkId: WATERMARK_ID.toString(), generationId, userId: owner.id } },
    ]);
  });
});
