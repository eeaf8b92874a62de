import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { uploads } from '../db/account-schema';
import { generations, users } from '../db/schema';
import type { StorageDriver } from '../storage/driver';
import { uploadKey } from '../storage/keys';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let storage: StorageDriver;
let expireUploads: typeof import('./expire-uploads').expireUploads;
beforeAll(async () => {
  t = await setupTestEnv();
  storage = (await import('../storage')).storageFromEnv();
  ({ expireUploads } = await import('./expire-uploads'));
});
afterAll(async () => {
  await t?.teardown();
});

const HOUR = 3600_000;

async function upload(userId: string, ageHours: number) {
  const id = randomUUID();
  const key = uploadKey(userId, id, 'webp');
  await storage.put(key, Buffer.from('webp bytes'), 'image/webp');
  await t.db.insert(uploads).values({ id, userId, key, mime: 'image/webp', bytes: 10, width: 64, height: 64, createdAt: new Date(Date.now() - ageHours * HOUR) });
  return { id, key };
}

const generationFrom = (userId: string, initImage: string) =>
  t.db.insert(generations).values({ userId, cost: 1, params: { prompt: 'p', width: 64, height: 64, steps: 4, seed: 1, model: 'tiny-sd', initImage, strength: 0.5 } as never });

const remaining = async () => (await t.db.select({ id: uploads.id }).from(uploads)).map((r) => r.id).sort();

describe('expireUploads', () => {
  it('deletes uploads past the TTL that no generation used, file and row; keeps used and young ones', async () => {
    const [ann] = await t.db.insert(users).values({ email: 'ann@example.com', passwordHash: 'x' }).returning();
    const expired = await upload(ann.id, 30);
    const used = await upload(ann.id, 30);
    const young = await upload(ann.id, 2);
    await generationFrom(ann.id, used.id);

    expect(await expireUploads({ db: t.db, storage }, 24)).toBe(1);

    expect(await storage.exists(expired.key)).toBe(false);
    expect(await storage.exists(used.key)).toBe(true);
    expect(await storage.exists(young.key)).toBe(true);
    expect(await remaining()).toEqual([used.id, young.id].sort());
    expect(await expireUploads({ db: t.db, storage }, 24), 'a second run finds nothing').toBe(0);
  });

  it("does not count another user's generation naming the id as a use", async () => {
    const [bob] = await t.db.insert(users).values({ email: 'bob@example.com', passwordHash: 'x' }).returning();
    const [eve] = await t.db.insert(users).values({ email: 'eve@example.com', passwordHash: 'x' }).returning();
    const bobs = await upload(bob.id, 48);
    await generationFrom(eve.id, bobs.id);
    expect(await expireUploads({ db: t.db, storage }, 24)).toBe(1);
    expect(await storage.exists(bobs.key)).toBe(false);
  });

  it('works through more uploads than one batch', async () => {
    const [cy] = await t.db.insert(users).values({ email: 'cy@example.com', passwordHash: 'x' }).returning();
    const before = (await remaining()).length;
    const ids = Array.from({ length: 620 }, () => randomUUID());
    await t.db.insert(uploads).values(
      ids.map((id) => ({ id, userId: cy.id, key: uploadKey(cy.id, id, 'png'), mime: 'image/png', bytes: 1, width: 64, height: 64, createdAt: new Date(Date.now() - 25 * HOUR) })),
    );
    expect(await expireUploads({ db: t.db, storage }, 24)).toBe(620);
    expect((await remaining()).length).toBe(before);
  });
});
