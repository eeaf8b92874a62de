import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { setupTestEnv } from '../../../server/testing/test-env';
import { apiKeys } from '../../../server/db/api-schema';
import { uploads } from '../../../server/db/account-schema';
import { generations, images, users } from '../../../server/db/schema';
import { generateApiKey } from '../../../server/api/keys/key-format';
import { apiErrorSchema } from '../../../server/api/openapi/error-schemas';

// GET/DELETE /api/v1/images and POST /api/v1/uploads as a client reaches them: a real key, Postgres,
// Redis and local storage. No session cookie exists here, so the session fallback sees nobody.
vi.mock('../../../server/auth/session', () => ({ currentUser: async () => null }));

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let routes: { images: typeof import('./images/route'); image: typeof import('./images/[id]/route'); uploads: typeof import('./uploads/route') };
let schemas: typeof import('../../../server/api/v1/images') & typeof import('../../../server/api/v1/uploads');
let storage: import('../../../server/storage/driver').StorageDriver;

beforeAll(async () => {
  t = await setupTestEnv();
  Object.assign(process.env, { UPLOADS_PER_HOUR: '100', UPLOAD_QUOTA_MB: '50' });
  routes = { images: await import('./images/route'), image: await import('./images/[id]/route'), uploads: await import('./uploads/route') };
  schemas = { ...(await import('../../../server/api/v1/images')), ...(await import('../../../server/api/v1/uploads')) };
  storage = (await import('../../../server/storage')).storageFromEnv();
});
afterAll(async () => {
  await (await import('../../../server/uploads/upload-pool')).closeUploadPool();
  await (await import('../../../server/redis/connection')).redis().quit();
  await t?.teardown();
});

type Caller = { userId: string; key: string };

async function newCaller(scopes: string[] = ['generate', 'read']): Promise<Caller> {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x', plan: 'pro' }).returning();
  return { userId: u.id, key: await newKey(u.id, scopes) };
}

async function newKey(userId: string, scopes: string[]): Promise<string> {
  const generated = generateApiKey();
  await t.db.insert(apiKeys).values({ userId, name: 'test', prefix: generated.prefix, keyHash: generated.hash, scopes });
  return generated.key;
}

const BASE = 'http://localhost/api/v1';
const get = (path: string, key: string, method = 'GET') => new Request(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const noParams = ctx({} as Record<string, never>);

/** The answer matches its documented schema exactly: nothing missing, nothing undocumented. */
function expectShape(schema: z.ZodType, body: unknown) {
  expect(schema.parse(body)).toEqual(body);
}

/** A generation with `count` images inserted in one statement, so they share one created_at, as a batch does. */
async function generationWithImages(userId: string, count: number, prompt = 'a red circle') {
  const [g] = await t.db
    .insert(generations)
    .values({ userId, status: 'succeeded', tier: 'fast', cost: 4, params: { prompt, negativePrompt: '', width: 64, height: 64, steps: 4, guidance: 7.5, seed: 7, sampler: 'ddim', model: 'ghost' } })
    .returning();
  const prefix = `images/${userId}/${g.id}`;
  const rows = await t.db
    .insert(images)
    .values(Array.from({ length: count }, (_, i) => ({ generationId: g.id, userId, index: i, key: `${prefix}/${i}.png`, thumbKey: `${prefix}/${i}.webp`, mime: 'image/png', size: 3, width: 64, height: 64, sha256: 'x', seed: 7 + i })))
    .returning();
  for (const row of rows) {
    await storage.put(row.key, Buffer.from('png'), 'image/png');
    await storage.put(row.thumbKey, Buffer.from('webp'), 'image/webp');
  }
  return rows;
}

describe('GET /api/v1/images', () => {
  it('lists newest first, page by page, without losing images of a batch at a page boundary', async () => {
    const caller = await newCaller();
    const older = await generationWithImages(caller.userId, 2, 'older');
    // Microseconds apart within one millisecond would be lost by a cursor compared at microsecond precision.
    const batch = await generationWithImages(caller.userId, 3, 'newer');
    await t.db.update(images).set({ createdAt: sql`${images.createdAt} + interval '1 second'` }).where(eq(images.generationId, batch[0].generationId));
    await generationWithImages((await newCaller()).userId, 2, 'someone else');

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const res = await routes.images.GET(get(`/images?limit=2${cursor ? `&cursor=${cursor}` : ''}`, caller.key), noParams);
      expect(res.status).toBe(200);
      const page = await res.json();
      expectShape(schemas.imageListSchema, page);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const byIdDesc = (rows: { id: string }[]) => rows.map((r) => r.id).sort().reverse();
    expect(seen).toEqual([...byIdDesc(batch), ...byIdDesc(older)]);
  });

  it('answers absolute signed URLs and the prompt', async () => {
    const caller = await newCaller();
    const [img] = await generationWithImages(caller.userId, 1, 'a blue square');
    const page = await (await routes.images.GET(get('/images', caller.key), noParams)).json();
    expect(page.data).toEqual([expect.objectContaining({ id: img.id, prompt: 'a blue square', width: 64, height: 64, pending: false })]);
    expect(new URL(page.data[0].url).pathname).toBe(`/api/files/${img.key}`);
    expect(page.data[0].url.startsWith('http://localhost/')).toBe(true);
  });

  it('refuses a cursor it did not hand out and a limit out of range, naming the param', async () => {
    const caller = await newCaller();
    const bad = await routes.images.GET(get('/images?cursor=nonsense', caller.key), noParams);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expectShape(apiErrorSchema, body);
    expect(body.error).toMatchObject({ code: 'invalid', param: 'cursor' });
    const big = await routes.images.GET(get('/images?limit=101', caller.key), noParams);
    expect(await big.json()).toMatchObject({ error: { code: 'invalid', param: 'limit' } });
  });
});

describe('GET and DELETE /api/v1/images/:id', () => {
  it('shows one image with its generation params', async () => {
    const caller = await newCaller();
    const [img] = await generationWithImages(caller.userId, 1);
    const res = await routes.image.GET(get(`/images/${img.id}`, caller.key), ctx({ id: img.id }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expectShape(schemas.imageSchema, body);
    expect(body).toMatchObject({ id: img.id, generationId: img.generationId, seed: 7, mime: 'image/png', params: { prompt: 'a red circle' } });
    expect(new URL(body.downloadUrl).pathname).toBe(`/api/files/${img.key}`);
  });

  it('answers 404 for another user\'s image and for an id that is not one, and deletes nothing of theirs', async () => {
    const owner = await newCaller();
    const [img] = await generationWithImages(owner.userId, 1);
    const stranger = await newCaller();
    for (const res of [
      await routes.image.GET(get(`/images/${img.id}`, stranger.key), ctx({ id: img.id })),
      await routes.image.DELETE(get(`/images/${img.id}`, stranger.key, 'DELETE'), ctx({ id: img.id })),
      await routes.image.GET(get('/images/not-a-uuid', stranger.key), ctx({ id: 'not-a-uuid' })),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(await storage.exists(img.key)).toBe(true);
    expect((await routes.image.GET(get(`/images/${img.id}`, owner.key), ctx({ id: img.id }))).status).toBe(200);
  });

  it('deletes the image and its files; a read-only key may not', async () => {
    const caller = await newCaller();
    const [img] = await generationWithImages(caller.userId, 1);
    const readOnly = await newKey(caller.userId, ['read']);
    expect((await routes.image.DELETE(get(`/images/${img.id}`, readOnly, 'DELETE'), ctx({ id: img.id }))).status).toBe(403);

    const res = await routes.image.DELETE(get(`/images/${img.id}`, caller.key, 'DELETE'), ctx({ id: img.id }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expectShape(schemas.imageDeletedSchema, body);
    expect(body).toEqual({ id: img.id, deleted: true });
    expect(await storage.exists(img.key)).toBe(false);
    expect(await storage.exists(img.thumbKey)).toBe(false);
    expect((await routes.image.GET(get(`/images/${img.id}`, caller.key), ctx({ id: img.id }))).status).toBe(404);
    expect((await routes.image.DELETE(get(`/images/${img.id}`, caller.key, 'DELETE'), ctx({ id: img.id }))).status).toBe(404);
  });
});

const png = (width = 96, height = 64, color = { r: 200, g: 40, b: 40 }) =>
  sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();

function upload(caller: Caller, file: Buffer | null, headers: Record<string, string> = {}, field = 'image') {
  const body = new FormData();
  if (file) body.set(field, new Blob([new Uint8Array(file)], { type: 'image/png' }), 'init.png');
  else body.set('note', 'no file here');
  const req = new Request(`${BASE}/uploads`, { method: 'POST', body, headers: { authorization: `Bearer ${caller.key}`, ...headers } });
  return routes.uploads.POST(req, noParams);
}

const uploadCount = async (userId: string) => (await t.db.select().from(uploads).where(eq(uploads.userId, userId))).length;

describe('POST /api/v1/uploads', () => {
  it('stores an init image: 201 with its id and size', async () => {
    const caller = await newCaller();
    const res = await upload(caller, await png());
    expect(res.status).toBe(201);
    const body = await res.json();
    expectShape(schemas.uploadSchema, body);
    expect(body).toEqual({ id: expect.any(String), width: 96, height: 64 });
    expect(await uploadCount(caller.userId)).toBe(1);
  });

  it('refuses a form without the field `image`, a file that is not an image, and one too large', async () => {
    const caller = await newCaller();
    const missing = await upload(caller, null);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { code: 'invalid', message: 'Attach the image as the form field "image".', param: 'image' } });
    const misnamed = await upload(caller, await png(), {}, 'file');
    expect(misnamed.status).toBe(400);

    const text = await upload(caller, Buffer.from('just some text, not pixels'));
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: { code: 'not_an_image' } });

    const huge = await upload(caller, Buffer.alloc(11 * 2 ** 20, 1));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'too_large' } });
    expect(await uploadCount(caller.userId)).toBe(0);
  });

  it('needs the generate scope', async () => {
    const res = await upload(await newCaller(['read']), await png());
    expect(res.status).toBe(403);
  });

  it('replays the first answer for the same Idempotency-Key and file, storing it once', async () => {
    const caller = await newCaller();
    const key = { 'Idempotency-Key': randomUUID() };
    const bytes = await png();
    const first = await upload(caller, bytes, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const body = await first.json();

    // A new FormData: another multipart boundary around the same file.
    const again = await upload(caller, bytes, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    expect(await uploadCount(caller.userId)).toBe(1);

    const other = await upload(caller, await png(96, 64, { r: 10, g: 200, b: 10 }), key);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: 'idempotency_mismatch', param: 'Idempotency-Key' } });
    expect(await uploadCount(caller.userId)).toBe(1);

    const unusable = await upload(caller, bytes, { 'Idempotency-Key': '' });
    expect(unusable.status).toBe(400);
    expect(await unusable.json()).toMatchObject({ error: { code: 'invalid', param: 'Idempotency-Key' } });
  });

  it('replays a refusal too, so a retry of a refused upload is not counted as a new one', async () => {
    const caller = await newCaller();
    const key = { 'Idempotency-Key': randomUUID() };
    const text = Buffer.from('still not an image');
    expect((await upload(caller, text, key)).status).toBe(415);
    const again = await upload(caller, text, key);
    expect(again.status).toBe(415);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});
