import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { setupTestEnv } from '../testing/test-env';
import { generations, images, users } from '../db/schema';
import { imageKey, thumbnailKey } from '../storage/keys';

// "Vary" turns one of the user's own images into an init-image upload, through the same checks as
// a file upload; nobody can make one from someone else's image, nor from one awaiting review.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let uploadFromImage: typeof import('./upload-from-image').uploadFromImage;
let uploadExists: typeof import('./store-upload').uploadExists;
beforeAll(async () => {
  t = await setupTestEnv();
  ({ uploadFromImage } = await import('./upload-from-image'));
  ({ uploadExists } = await import('./store-upload'));
});
afterAll(async () => {
  await t?.teardown();
});

async function imageOf(email: string, moderation: 'clear' | 'review' = 'clear') {
  const [user] = await t.db.insert(users).values({ email, passwordHash: 'x' }).returning();
  const [g] = await t.db
    .insert(generations)
    .values({ userId: user.id, cost: 1, status: 'succeeded', params: { prompt: 'p', negativePrompt: '', width: 96, height: 64, steps: 4, guidance: 7, seed: 1, sampler: 'ddim', model: 'kumori-demo' } })
    .returning();
  const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#3050e0' } }).png().toBuffer();
  const key = imageKey(user.id, g.id, 0);
  const { storageFromEnv } = await import('../storage');
  await storageFromEnv().put(key, png, 'image/png');
  const [image] = await t.db
    .insert(images)
    .values({ generationId: g.id, userId: user.id, key, thumbKey: thumbnailKey(user.id, g.id, 0), mime: 'image/png', size: png.length, width: 96, height: 64, sha256: 'x', seed: 1, moderation })
    .returning();
  return { userId: user.id, imageId: image.id };
}

describe('uploadFromImage', () => {
  it('makes an upload of the owner’s image that a generation can start from', async () => {
    const { userId, imageId } = await imageOf('vary@example.com');
    const r = await uploadFromImage(userId, imageId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.width, r.height]).toEqual([96, 64]);
    expect(await uploadExists(userId, r.id)).toBe(true);
  });

  it('treats someone else’s image as missing', async () => {
    const { imageId } = await imageOf('owner@example.com');
    const { userId: other } = await imageOf('other@example.com');
    const r = await uploadFromImage(other, imageId);
    expect(r.ok ? null : r.error.code).toBe('not_found');
  });

  it('refuses an image awaiting review, with the reason', async () => {
    const { userId, imageId } = await imageOf('pending@example.com', 'review');
    const r = await uploadFromImage(userId, imageId);
    expect(r.ok ? null : r.error.message).toBe('This image is awaiting review; it can be varied once a moderator approves it.');
  });
});
