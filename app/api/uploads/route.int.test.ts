import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv } from '../../../server/testing/test-env';
import { uploads } from '../../../server/db/account-schema';
import { users } from '../../../server/db/schema';
import type { SessionUser } from '../../../server/auth/users';

// The route as the browser reaches it, with the session faked: its body limits, formats, quota and rate limit.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('../../../server/auth/session', () => ({ currentUser: async () => session.user }));

const PER_HOUR = 6;
const QUOTA_MB = 3;

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let POST: typeof import('./route').POST;
let storage: import('../../../server/storage/driver').StorageDriver;
beforeAll(async () => {
  t = await setupTestEnv();
  Object.assign(process.env, { UPLOADS_PER_HOUR: String(PER_HOUR), UPLOAD_QUOTA_MB: String(QUOTA_MB) });
  ({ POST } = await import('./route'));
  storage = (await import('../../../server/storage')).storageFromEnv();
});
afterAll(async () => {
  await (await import('../../../server/uploads/upload-pool')).closeUploadPool();
  await (await import('../../../server/redis/connection')).redis().quit();
  await t?.teardown();
});

async function signIn(): Promise<SessionUser> {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x' }).returning();
  session.user = { id: u.id, email: u.email, role: 'user' };
  return session.user;
}

const BOUNDARY = 'kumori-test-boundary';
const head = (type: string) =>
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="image"; filename="f"\r\nContent-Type: ${type}\r\n\r\n`);
const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A multipart request whose body is a stream with no Content-Length (as chunked), counting what was pulled from it. */
function streamedUpload(fileBytes: number) {
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  let fileSent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        const part = sent === 0 ? head('image/png') : fileSent < fileBytes ? chunk : tail;
        if (part === chunk) fileSent += chunk.length;
        c.enqueue(new Uint8Array(part));
        sent += part.length;
        if (part === tail) c.close();
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request('http://localhost/api/uploads', {
    method: 'POST',
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    duplex: 'half',
  } as RequestInit);
  return { request, bytesRead: () => sent };
}

function upload(bytes: Buffer, type = 'image/png') {
  const body = new FormData();
  body.set('image', new Blob([new Uint8Array(bytes)], { type }), 'f');
  return POST(new Request('http://localhost/api/uploads', { method: 'POST', body }), {});
}

/** A photo-like image: smooth colour with fine noise, which PNG stores several times larger than WebP. */
async function photo(width: number, height: number) {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } }).blur(1.2).modulate({ saturation: 1.5 });
}

const storedRow = async (id: string) => (await t.db.select().from(uploads).where(eq(uploads.id, id)))[0];

describe('POST /api/uploads', () => {
  it('refuses a 50 MB chunked body once it passes the cap, having read at most the cap', async () => {
    await signIn();
    const { request, bytesRead } = streamedUpload(50 * 2 ** 20);
    const res = await POST(request, {});
    // The cap (10 MB and 64 KB of framing) plus the one 64 KB chunk that crosses it.
    expect(bytesRead()).toBeLessThanOrEqual(10 * 2 ** 20 + 64 * 1024 + 64 * 1024);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'The file is larger than 10 MB.', code: 'too_large' });
  });

  it('stores a WebP as WebP, about its own size, and records it', async () => {
    const user = await signIn();
    const webp = await (await photo(1024, 768)).webp({ quality: 90 }).toBuffer();
    const res = await upload(webp, 'image/webp');
    expect(res.status).toBe(201);
    const json = (await res.json()) as { ok: boolean; id: string; width: number; height: number };
    expect(json).toMatchObject({ ok: true, width: 1024, height: 768 });
    const row = await storedRow(json.id);
    expect(row).toMatchObject({ userId: user.id, mime: 'image/webp', width: 1024, height: 768, key: `uploads/${user.id}/${json.id}.webp` });
    const stored = (await storage.get(row.key))!;
    expect((await sharp(stored).metadata()).format).toBe('webp');
    expect(row.bytes).toBe(stored.length);
    expect(stored.length).toBeLessThan(webp.length * 1.5);
  });

  it('keeps JPEG as JPEG and PNG as PNG', async () => {
    await signIn();
    for (const [format, mime] of [['jpeg', 'image/jpeg'], ['png', 'image/png']] as const) {
      const bytes = await (await photo(200, 160)).toFormat(format).toBuffer();
      const json = (await (await upload(bytes, mime)).json()) as { id: string };
      const row = await storedRow(json.id);
      expect(row.mime).toBe(mime);
      expect((await sharp((await storage.get(row.key))!).metadata()).format).toBe(format);
    }
  });

  it('refuses an upload past the storage quota, and refuses before reading when the quota is full', async () => {
    const user = await signIn();
    const used = QUOTA_MB * 2 ** 20 - 1000;
    await t.db.insert(uploads).values({ id: randomUUID(), userId: user.id, key: 'uploads/x/old.png', mime: 'image/png', bytes: used, width: 64, height: 64 });
    const res = await upload(await (await photo(200, 160)).png().toBuffer());
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'quota_exceeded', error: expect.stringMatching(/would take you past your upload storage of 3 MB/) });
    expect(await t.db.select().from(uploads).where(eq(uploads.userId, user.id))).toHaveLength(1);

    await t.db.insert(uploads).values({ id: randomUUID(), userId: user.id, key: 'uploads/x/old2.png', mime: 'image/png', bytes: 1000, width: 64, height: 64 });
    const { request, bytesRead } = streamedUpload(2 ** 20);
    const full = await POST(request, {});
    expect(await full.json()).toEqual({ code: 'quota_exceeded', error: expect.stringMatching(/^You have reached your upload storage of 3 MB/) });
    expect(bytesRead()).toBe(0);
  });

  it(`refuses the upload after ${PER_HOUR} in an hour`, async () => {
    await signIn();
    const small = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } }).png().toBuffer();
    for (let i = 0; i < PER_HOUR; i++) expect((await upload(small)).status).toBe(201);
    const res = await upload(small);
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ code: 'rate_limited', error: `You can upload ${PER_HOUR} images an hour. Try again later.` });
  });

  it('answers a bad file and a missing field with a reason', async () => {
    await signIn();
    const bad = await upload(Buffer.from('definitely not a PNG'));
    expect(bad.status).toBe(415);
    expect(await bad.json()).toEqual({ code: 'not_an_image', error: 'This file is not an image Kumori can read. Upload a PNG, JPEG or WebP.' });
    const res = await POST(new Request('http://localhost/api/uploads', { method: 'POST', body: new FormData() }), {});
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'Attach the image as the form field "image".' });
  });
});
