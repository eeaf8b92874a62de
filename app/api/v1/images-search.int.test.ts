import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { setupTestEnv } from '../../../server/testing/test-env';
import { apiKeys } from '../../../server/db/api-schema';
import { generations, images, users } from '../../../server/db/schema';
import { generateApiKey } from '../../../server/api/keys/key-format';
import { apiErrorSchema } from '../../../server/api/openapi/error-schemas';

// GET /api/v1/images?q=&favourite=&model=… and PATCH /api/v1/images/:id as a client reaches them.
vi.mock('../../../server/auth/session', () => ({ currentUser: async () => null }));

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let routes: { images: typeof import('./images/route'); image: typeof import('./images/[id]/route') };
let schemas: typeof import('../../../server/api/v1/images');

beforeAll(async () => {
  t = await setupTestEnv();
  routes = { images: await import('./images/route'), image: await import('./images/[id]/route') };
  schemas = await import('../../../server/api/v1/images');
});
afterAll(async () => {
  await (await import('../../../server/redis/connection')).redis().quit();
  await t?.teardown();
});

async function newCaller(scopes = ['generate', 'read']) {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x', plan: 'pro' }).returning();
  const generated = generateApiKey();
  await t.db.insert(apiKeys).values({ userId: u.id, name: 'test', prefix: generated.prefix, keyHash: generated.hash, scopes });
  return { userId: u.id, key: generated.key };
}

async function image(userId: string, prompt: string, extra: { model?: string; sampler?: string; style?: string; at?: string } = {}) {
  const at = new Date(extra.at ?? '2026-03-01T12:00:00Z');
  const params = { prompt, negativePrompt: '', width: 64, height: 64, steps: 4, guidance: 7.5, seed: 7, sampler: extra.sampler ?? 'ddim', model: extra.model ?? 'demo', ...(extra.style ? { style: extra.style } : {}) };
  const [g] = await t.db.insert(generations).values({ userId, status: 'succeeded', tier: 'fast', cost: 1, params, createdAt: at }).returning();
  const [row] = await t.db
    .insert(images)
    .values({ generationId: g.id, userId, index: 0, key: `images/${g.id}/0.png`, thumbKey: `images/${g.id}/0.webp`, mime: 'image/png', size: 3, width: 64, height: 64, sha256: 'x', seed: 7, createdAt: at })
    .returning();
  return row.id;
}

const BASE = 'http://localhost/api/v1';
const req = (path: string, key: string, init: { method?: string; body?: unknown } = {}) =>
  new Request(`${BASE}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const noParams = ctx({} as Record<string, never>);
const expectShape = (schema: z.ZodType, body: unknown) => expect(schema.parse(body)).toEqual(body);

async function list(key: string, query: string) {
  const res = await routes.images.GET(req(`/images?${query}`, key), noParams);
  const body = await res.json();
  return { status: res.status, body, ids: res.status === 200 ? (body.data as { id: string }[]).map((i) => i.id) : [] };
}

const star = (key: string, id: string, body: unknown) => routes.image.PATCH(req(`/images/${id}`, key, { method: 'PATCH', body }), ctx({ id }));

describe('GET /api/v1/images with search and filters', () => {
  it('applies q, model, sampler, style, size, dates and order, in the documented shape', async () => {
    const me = await newCaller();
    const horse = await image(me.userId, 'an astronaut on a horse', { model: 'sd-turbo', sampler: 'euler', at: '2026-01-05T00:00:00Z' });
    const city = await image(me.userId, 'a city at night', { style: 'neon', at: '2026-02-05T00:00:00Z' });
    const cat = await image(me.userId, 'a cat asleep', { at: '2026-03-05T00:00:00Z' });

    const all = await list(me.key, '');
    expectShape(schemas.imageListSchema, all.body);
    expect(all.ids).toEqual([cat, city, horse]);
    expect(all.body.data[1]).toMatchObject({ style: 'neon', model: 'demo', sampler: 'ddim', favourite: false });
    expect((await list(me.key, 'q=astro')).ids).toEqual([horse]);
    expect((await list(me.key, 'q=night+city')).ids).toEqual([city]);
    expect((await list(me.key, 'model=sd-turbo')).ids).toEqual([horse]);
    expect((await list(me.key, 'sampler=euler')).ids).toEqual([horse]);
    expect((await list(me.key, 'style=neon')).ids).toEqual([city]);
    expect((await list(me.key, 'size=64x64&order=oldest')).ids).toEqual([horse, city, cat]);
    expect((await list(me.key, 'size=128x128')).ids).toEqual([]);
    // A day `to` includes the whole day.
    expect((await list(me.key, 'from=2026-02-01&to=2026-02-05')).ids).toEqual([city]);
    expect((await list(me.key, 'from=2026-02-06T00:00:00Z')).ids).toEqual([cat]);
    // Empty values are absent ones, as a cleared form sends them.
    expect((await list(me.key, 'q=&model=&favourite=')).ids).toEqual([cat, city, horse]);
  });

  it('pages a filtered list with the cursor it hands out', async () => {
    const me = await newCaller();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await image(me.userId, `cat number ${i}`, { at: `2026-01-0${i + 1}T00:00:00Z` }));
    await image(me.userId, 'a dog', { at: '2026-01-09T00:00:00Z' });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5 && (pages === 0 || cursor); pages++) {
      const page = await list(me.key, `q=cat&limit=2&order=oldest${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.ids);
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('refuses values that do not parse, naming the parameter', async () => {
    const me = await newCaller();
    for (const [query, param] of [['favourite=yes', 'favourite'], ['order=random', 'order'], ['size=big', 'size'], ['from=yesterday', 'from'], ['cursor=nonsense', 'cursor'], ['limit=0', 'limit']]) {
      const res = await list(me.key, query);
      expect(res.status, query).toBe(400);
      expectShape(apiErrorSchema, res.body);
      expect(res.body.error).toMatchObject({ code: 'invalid', param });
    }
  });
});

describe('PATCH /api/v1/images/:id', () => {
  it('stars and unstars an image; the favourite filter follows', async () => {
    const me = await newCaller();
    const a = await image(me.userId, 'first');
    const b = await image(me.userId, 'second', { at: '2026-04-01T00:00:00Z' });
    const res = await star(me.key, a, { favourite: true });
    expect(res.status).toBe(200);
    const body = await res.json();
    expectShape(schemas.imageSchema, body);
    expect(body).toMatchObject({ id: a, favourite: true });
    expect((await list(me.key, 'favourite=true')).ids).toEqual([a]);
    expect((await list(me.key, 'favourite=false')).ids).toEqual([b]);
    expect((await star(me.key, a, { favourite: false })).status).toBe(200);
    expect((await list(me.key, 'favourite=true')).ids).toEqual([]);
  });

  it("answers 404 for another user's image and changes nothing; refuses other fields and read-only keys", async () => {
    const owner = await newCaller();
    const img = await image(owner.userId, 'mine');
    const stranger = await newCaller();
    const res = await star(stranger.key, img, { favourite: true });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await star(stranger.key, 'not-a-uuid', { favourite: true })).status).toBe(404);
    expect((await list(owner.key, 'favourite=true')).ids).toEqual([]);

    const bad = await star(owner.key, img, { favourite: 'yes' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid', param: 'favourite' } });
    expect((await star(owner.key, img, { favourite: true, boards: [] })).status).toBe(400);

    const readOnly = await newCaller(['read']);
    const theirs = await image(readOnly.userId, 'read only');
    expect((await star(readOnly.key, theirs, { favourite: true })).status).toBe(403);
  });
});
