import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv } from '../../../server/testing/test-env';
import { closeTierQueues } from '../../../server/testing/queues';
import { apiKeys, idempotencyKeys } from '../../../server/db/api-schema';
import { generations, images, models, users } from '../../../server/db/schema';
import { eq } from 'drizzle-orm';
import { generateApiKey } from '../../../server/api/keys/key-format';

// The v1 routes as a client reaches them, with a real API key, real Postgres and real Redis (jobs are
// enqueued, no worker runs). No session cookie exists here, so the session fallback sees nobody.
vi.mock('../../../server/auth/session', () => ({ currentUser: async () => null }));

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let routes: {
  generations: typeof import('./generations/route');
  generation: typeof import('./generations/[id]/route');
  cancel: typeof import('./generations/[id]/cancel/route');
  models: typeof import('./models/route');
  me: typeof import('./me/route');
  styles: typeof import('./styles/route');
};
let balanceOf: typeof import('../../../server/billing/ledger').balanceOf;

beforeAll(async () => {
  t = await setupTestEnv();
  routes = {
    generations: await import('./generations/route'),
    generation: await import('./generations/[id]/route'),
    cancel: await import('./generations/[id]/cancel/route'),
    models: await import('./models/route'),
    me: await import('./me/route'),
    styles: await import('./styles/route'),
  };
  ({ balanceOf } = await import('../../../server/billing/ledger'));
  await t.db.insert(models).values({ id: 'ghost', displayName: 'Ghost', nativeWidth: 64, nativeHeight: 64 });
});
afterAll(async () => {
  await closeTierQueues();
  await (await import('../../../server/redis/connection')).redis().quit();
  await t?.teardown();
});

type Caller = { userId: string; key: string };

async function newCaller(
  scopes: string[] = ['generate', 'read'],
  credits = 1000,
  { plan = 'pro', monthlyCreditCap = null }: { plan?: 'free' | 'basic' | 'pro'; monthlyCreditCap?: number | null } = {},
): Promise<Caller> {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x', plan }).returning();
  const { grantCredits } = await import('../../../server/billing/ledger');
  await grantCredits(t.db, u.id, credits, 'test', `t:${u.id}`);
  const generated = generateApiKey();
  await t.db.insert(apiKeys).values({ userId: u.id, name: 'test', prefix: generated.prefix, keyHash: generated.hash, scopes, monthlyCreditCap });
  return { userId: u.id, key: generated.key };
}

const BASE = 'http://localhost/api/v1';
function request(path: string, init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${BASE}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const noParams = ctx({} as Record<string, never>);

const input = (prompt = 'a red circle') => ({ prompt, width: 64, height: 64, steps: 4, model: 'ghost', tier: 'fast' });

function submit(caller: Caller, body: unknown = input(), headers: Record<string, string> = {}) {
  return routes.generations.POST(request('/generations', { method: 'POST', key: caller.key, body, headers }), noParams);
}

describe('REST v1 authentication and scopes', () => {
  it('answers 401 without a key and with a bad one', async () => {
    const none = await routes.me.GET(request('/me'), noParams);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(none.headers.get('cache-control')).toBe('no-store');

    const forged = await routes.me.GET(request('/me', { key: generateApiKey().key }), noParams);
    expect(forged.status).toBe(401);
    const garbled = await routes.me.GET(request('/me', { key: 'kmr_nope' }), noParams);
    expect(garbled.status).toBe(401);
  });

  it('answers 403 when the key lacks the scope', async () => {
    const readOnly = await newCaller(['read']);
    const refused = await submit(readOnly);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: 'This API key lacks the "generate" scope.' } });
    expect(await balanceOf(t.db, readOnly.userId)).toBe(1000);

    const writeOnly = await newCaller(['generate']);
    expect((await routes.me.GET(request('/me', { key: writeOnly.key }), noParams)).status).toBe(403);
  });
});

describe('REST v1 generations', () => {
  it('queues a generation: 202 with its place, cost and balance, a Location, and the charge', async () => {
    const caller = await newCaller();
    const res = await submit(caller);
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'queued',
      position: expect.any(Number),
      eta: null, // no worker alive to measure
      cost: expect.any(Number),
      balance: 1000 - body.cost,
      tier: 'fast',
    });
    expect(body.cost).toBeGreaterThan(0);
    expect(res.headers.get('location')).toBe(`/api/v1/generations/${body.id}`);
    expect(res.headers.get('kumori-credits-remaining')).toBe(String(1000 - body.cost));
    expect(await balanceOf(t.db, caller.userId)).toBe(1000 - body.cost);

    const got = await routes.generation.GET(request(`/generations/${body.id}`, { key: caller.key }), ctx({ id: body.id }));
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({
      id: body.id,
      status: 'queued',
      tier: 'fast',
      cost: body.cost,
      progress: { step: 0, steps: 4 },
      position: expect.any(Number),
      images: [],
      error: null,
    });
  });

  it('shows a succeeded generation with its images: signed URLs valid an hour, sizes and seeds', async () => {
    const caller = await newCaller();
    const [g] = await t.db
      .insert(generations)
      .values({ userId: caller.userId, status: 'succeeded', tier: 'fast', cost: 4, params: { ...input(), seed: 7 } as never, timings: { totalMs: 1234 } })
      .returning();
    const prefix = `images/${caller.userId}/${g.id}`;
    const [img] = await t.db
      .insert(images)
      .values({ generationId: g.id, userId: caller.userId, key: `${prefix}/0.png`, thumbKey: `${prefix}/0.webp`, mime: 'image/png', size: 10, width: 64, height: 64, sha256: 'x', seed: 7 })
      .returning();
    const res = await routes.generation.GET(request(`/generations/${g.id}`, { key: caller.key }), ctx({ id: g.id }));
    const body = await res.json();
    expect(body).toMatchObject({ status: 'succeeded', position: null, eta: null, timings: { totalMs: 1234 } });
    expect(body.progress.step).toBe(body.progress.steps);
    expect(body.images).toEqual([{ id: img.id, url: expect.any(String), width: 64, height: 64, seed: 7, pending: false }]);
    const url = new URL(body.images[0].url);
    expect(url.pathname).toBe(`/api/files/${prefix}/0.png`);
    const expiresIn = Number(url.searchParams.get('exp')) - Date.now() / 1000;
    expect(expiresIn).toBeGreaterThan(3590);
    expect(expiresIn).toBeLessThan(3600 + 301);
  });

  it('charges n images per generation, and shows all of them in order with their seeds', async () => {
    const caller = await newCaller();
    const large = { ...input(), width: 512, height: 512 }; // 4 credits an image: no rounding up to hide the factor
    const one = await (await submit(caller, large)).json();
    const res = await submit(caller, { ...large, n: 2 });
    expect(res.status).toBe(202);
    const queued = await res.json();
    expect([one.cost, queued.cost]).toEqual([4, 8]);
    const prefix = `images/${caller.userId}/${queued.id}`;
    await t.db.update(generations).set({ status: 'succeeded' }).where(eq(generations.id, queued.id));
    // The worker's rows, inserted out of order: the API orders them by index.
    const rows = await t.db
      .insert(images)
      .values([1, 0].map((index) => ({ generationId: queued.id, userId: caller.userId, index, key: `${prefix}/${index}.png`, thumbKey: `${prefix}/${index}.webp`, mime: 'image/png', size: 10, width: 64, height: 64, sha256: 'x', seed: 40 + index })))
      .returning();
    const body = await (await routes.generation.GET(request(`/generations/${queued.id}`, { key: caller.key }), ctx({ id: queued.id }))).json();
    expect(body.images.map((i: { id: string; seed: number }) => [i.id, i.seed])).toEqual([[rows[1].id, 40], [rows[0].id, 41]]);
  });

  it('answers 404 for a generation of another user', async () => {
    const owner = await newCaller();
    const { id } = await (await submit(owner)).json();
    const stranger = await newCaller();
    const res = await routes.generation.GET(request(`/generations/${id}`, { key: stranger.key }), ctx({ id }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('lists newest first, page by page with the cursor', async () => {
    const caller = await newCaller();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await (await submit(caller, input(`a circle ${i}`))).json()).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await routes.generations.GET(request(`/generations${query}`, { key: caller.key }), noParams);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: Array<{ id: string; status: string }>; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((g) => g.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());

    const bad = await routes.generations.GET(request('/generations?limit=1000', { key: caller.key }), noParams);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid', param: 'limit' } });
  });

  it('cancels a queued generation and refunds it', async () => {
    const caller = await newCaller();
    const { id, cost } = await (await submit(caller)).json();
    const res = await routes.cancel.POST(request(`/generations/${id}/cancel`, { method: 'POST', key: caller.key }), ctx({ id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, state: 'cancelled', refunded: cost, balance: 1000 });
    expect(res.headers.get('kumori-credits-remaining')).toBe('1000');
    expect(await balanceOf(t.db, caller.userId)).toBe(1000);
    const got = await (await routes.generation.GET(request(`/generations/${id}`, { key: caller.key }), ctx({ id }))).json();
    expect(got.status).toBe('cancelled');
  });

  it('refuses a blocked prompt with 422, naming the field and the category, and charges nothing', async () => {
    const caller = await newCaller();
    const res = await submit(caller, input('a n.u.d.3 figure on a beach'));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: { code: 'prompt_blocked', message: 'Your prompt was blocked by the content policy (Sexual content). Nothing was charged.', param: 'prompt' },
    });
    expect(await balanceOf(t.db, caller.userId)).toBe(1000);
  });

  it('refuses invalid input with 400 and the culprit param, and a body that is not JSON', async () => {
    const caller = await newCaller();
    const res = await submit(caller, { ...input(), steps: 100_000 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid', param: 'steps' } });

    const garbled = await routes.generations.POST(
      new Request(`${BASE}/generations`, { method: 'POST', headers: { authorization: `Bearer ${caller.key}` }, body: '{"prompt":' }),
      noParams,
    );
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toMatchObject({ error: { code: 'malformed' } });
    expect(await balanceOf(t.db, caller.userId)).toBe(1000);
  });
});

describe('REST v1 Idempotency-Key', () => {
  it('replays the first answer for the same key and body, and charges once', async () => {
    const caller = await newCaller();
    const key = { 'Idempotency-Key': randomUUID() };
    const first = await submit(caller, input(), key);
    expect(first.status).toBe(202);
    const body = await first.json();
    const second = await submit(caller, { model: 'ghost', tier: 'fast', steps: 4, height: 64, width: 64, prompt: 'a red circle' }, key);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(`/api/v1/generations/${body.id}`);
    expect(await balanceOf(t.db, caller.userId)).toBe(1000 - body.cost);

    const list = await (await routes.generations.GET(request('/generations', { key: caller.key }), noParams)).json();
    expect(list.data).toHaveLength(1);
  });

  it('forgets a key after 24 hours: the same key then does the work again', async () => {
    const caller = await newCaller();
    const key = randomUUID();
    const first = await (await submit(caller, input(), { 'Idempotency-Key': key })).json();
    await t.db.update(idempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(idempotencyKeys.key, key));
    const second = await (await submit(caller, input(), { 'Idempotency-Key': key })).json();
    expect(second.id).not.toBe(first.id);
    expect(await balanceOf(t.db, caller.userId)).toBe(1000 - first.cost - second.cost);
  });

  it('refuses the same key with another body with 409', async () => {
    const caller = await newCaller();
    const key = { 'Idempotency-Key': randomUUID() };
    const first = await (await submit(caller, input(), key)).json();
    const other = await submit(caller, input('a blue square'), key);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: 'idempotency_mismatch', param: 'Idempotency-Key' } });
    expect(await balanceOf(t.db, caller.userId)).toBe(1000 - first.cost);
  });

  it('tells a concurrent duplicate the first is still being processed', async () => {
    const caller = await newCaller();
    const key = randomUUID();
    const { requestHashOf } = await import('../../../server/api/idempotency');
    // The first request has claimed the key and not answered yet.
    await t.db.insert(idempotencyKeys).values({ userId: caller.userId, key, requestHash: requestHashOf('POST', '/api/v1/generations', input()) });
    const res = await submit(caller, input(), { 'Idempotency-Key': key });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'exists', message: 'A request with this Idempotency-Key is still being processed.' } });
    expect(await balanceOf(t.db, caller.userId)).toBe(1000);
  });

  it('lets only one of two simultaneous duplicates do the work', async () => {
    const caller = await newCaller();
    const key = { 'Idempotency-Key': randomUUID() };
    const answers = await Promise.all([submit(caller, input(), key), submit(caller, input(), key)]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(202);
    expect([202, 409]).toContain(statuses[1]);
    const list = await (await routes.generations.GET(request('/generations', { key: caller.key }), noParams)).json();
    expect(list.data).toHaveLength(1);
  });

  it('replays a cancel under the same key instead of running it again', async () => {
    const caller = await newCaller();
    const { id, cost } = await (await submit(caller)).json();
    const key = { 'Idempotency-Key': randomUUID() };
    const cancel = () => routes.cancel.POST(request(`/generations/${id}/cancel`, { method: 'POST', key: caller.key, headers: key }), ctx({ id }));
    const first = await (await cancel()).json();
    const again = await cancel();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(first);
    expect(first).toMatchObject({ state: 'cancelled', refunded: cost });
  });
});

describe('REST v1 account and models', () => {
  it('GET /me answers the balance, plan and limits', async () => {
    const caller = await newCaller(['read'], 250);
    const res = await routes.me.GET(request('/me', { key: caller.key }), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get('kumori-credits-remaining')).toBe('250');
    expect(await res.json()).toMatchObject({
      id: caller.userId,
      balance: 250,
      plan: 'pro',
      limits: { tiers: ['turbo', 'fast', 'relax'], maxQueued: 50, maxRunning: 4, requestsPerMinute: 1200, generationsPerMinute: 240 },
      key: { scopes: ['read'] },
    });
  });

  it('GET /models lists the installed models', async () => {
    const caller = await newCaller(['read']);
    const res = await routes.models.GET(request('/models', { key: caller.key }), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [expect.objectContaining({ id: 'ghost', name: 'Ghost', nativeWidth: 64, nativeHeight: 64 })] });
  });
});

describe('REST v1 rate limits and key caps', () => {
  // The Free plan runs on Relax only.
  const relax = (prompt?: string) => ({ ...input(prompt), tier: 'relax' });

  it('sends the RateLimit headers and the balance on every answer to a known caller', async () => {
    const caller = await newCaller(['generate', 'read'], 300, { plan: 'free' });
    const res = await routes.me.GET(request('/me', { key: caller.key }), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"requests";q=60;w=60, "key-requests";q=60;w=60');
    expect(res.headers.get('ratelimit')).toMatch(/^"requests";r=59;t=\d+, "key-requests";r=59;t=\d+$/);
    expect(res.headers.get('kumori-credits-remaining')).toBe('300');

    const queued = await submit(caller, relax());
    expect(queued.status).toBe(202);
    expect(queued.headers.get('ratelimit-policy')).toContain('"generations";q=10;w=60');
    expect(queued.headers.get('kumori-credits-remaining')).toBe(String((await queued.json()).balance));
  });

  it("refuses the Free plan's 11th generation in a minute with 429, Retry-After and the limit named", async () => {
    const caller = await newCaller(['generate', 'read'], 10_000, { plan: 'free' });
    // Free plan: at most 4 waiting; cancel each so the queue limit is not what refuses.
    for (let i = 0; i < 10; i++) {
      const res = await submit(caller, relax(`a circle ${i}`));
      expect(res.status).toBe(202);
      const { id } = await res.json();
      await routes.cancel.POST(request(`/generations/${id}/cancel`, { method: 'POST', key: caller.key }), ctx({ id }));
    }
    const balance = await balanceOf(t.db, caller.userId);
    const refused = await submit(caller, relax('one too many'));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(6);
    expect(refused.headers.get('ratelimit')).toMatch(/"generations";r=0;t=\d+/);
    const body = await refused.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/Free plan allows 10 generations a minute/);
    expect(await balanceOf(t.db, caller.userId)).toBe(balance);
    // Reading is a different bucket: still allowed.
    expect((await routes.me.GET(request('/me', { key: caller.key }), noParams)).status).toBe(200);
  });

  it('does not count an Idempotency-Key replay as a generation', async () => {
    const caller = await newCaller(['generate', 'read'], 10_000, { plan: 'free' });
    const key = { 'Idempotency-Key': randomUUID() };
    const first = await submit(caller, relax(), key);
    expect(first.status).toBe(202);
    for (let i = 0; i < 12; i++) expect((await submit(caller, relax(), key)).status).toBe(202);
    expect(first.headers.get('ratelimit')).toMatch(/"generations";r=9;/);
  });

  it("holds a key to its monthly credit cap, counting refunds back, and tags the generation with the key", async () => {
    const caller = await newCaller(['generate', 'read'], 10_000, { monthlyCreditCap: 5 });
    const first = await submit(caller);
    expect(first.status).toBe(202);
    const { id, cost } = await first.json();
    const [row] = await t.db.select().from(generations).where(eq(generations.id, id));
    const [key] = await t.db.select().from(apiKeys).where(eq(apiKeys.userId, caller.userId));
    expect(row.apiKeyId).toBe(key.id);
    expect(cost).toBeGreaterThan(0);

    const big = await submit(caller, { ...input(), width: 512, height: 512, steps: 20 });
    expect(big.status).toBe(402);
    expect((await big.json()).error).toMatchObject({ code: 'key_cap_reached', message: expect.stringMatching(/monthly cap/) });

    await routes.cancel.POST(request(`/generations/${id}/cancel`, { method: 'POST', key: caller.key }), ctx({ id }));
    // The refund gives the cap back: five 1-credit generations fit again.
    for (let i = 0; i < Math.floor(5 / cost); i++) expect((await submit(caller, input(`again ${i}`))).status).toBe(202);
    expect((await submit(caller, input('over'))).status).toBe(402);
  });
});

describe('REST v1 styles', () => {
  it('lists the active styles, and fills the settings a styled request leaves out from the style', async () => {
    const caller = await newCaller();
    const listed = await (await routes.styles.GET(request('/styles', { key: caller.key }), noParams)).json();
    const pixel = listed.data.find((s: { slug: string }) => s.slug === 'pixel');
    expect(pixel).toMatchObject({ name: 'Pixel', overrides: { steps: 16 }, previewUrl: expect.stringMatching(/\.webp$/) });

    const { steps: _omitted, ...withoutSteps } = input();
    const styled = await (await submit(caller, { ...withoutSteps, style: 'pixel' })).json();
    const explicit = await (await submit(caller, { ...input(), style: 'pixel' })).json();
    const stored = async (id: string) => (await t.db.select().from(generations).where(eq(generations.id, id)))[0].params;
    expect(await stored(styled.id)).toMatchObject({ steps: 16, style: 'pixel', expandedPrompt: expect.stringContaining('a red circle') });
    // What the request sends wins over the style's suggestion.
    expect((await stored(explicit.id)).steps).toBe(4);
  });
});
