import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv } from '../../../../server/testing/test-env';
import { apiKeys, idempotencyKeys } from '../../../../server/db/api-schema';
import { auditLog } from '../../../../server/db/safety-schema';
import { users } from '../../../../server/db/schema';
import { webhookEndpoints } from '../../../../server/db/webhook-schema';
import { eq } from 'drizzle-orm';
import { generateApiKey } from '../../../../server/api/keys/key-format';

// The webhook routes as a client reaches them, with real keys, Postgres and Redis (no worker: deliveries stay queued).
vi.mock('../../../../server/auth/session', () => ({ currentUser: async () => null }));

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let routes: {
  list: typeof import('./route');
  one: typeof import('./[id]/route');
  rotate: typeof import('./[id]/rotate/route');
  test: typeof import('./[id]/test/route');
  deliveries: typeof import('./[id]/deliveries/route');
  replay: typeof import('./[id]/deliveries/[deliveryId]/replay/route');
};

beforeAll(async () => {
  t = await setupTestEnv();
  routes = {
    list: await import('./route'),
    one: await import('./[id]/route'),
    rotate: await import('./[id]/rotate/route'),
    test: await import('./[id]/test/route'),
    deliveries: await import('./[id]/deliveries/route'),
    replay: await import('./[id]/deliveries/[deliveryId]/replay/route'),
  };
});
afterAll(async () => {
  await (await import('../../../../server/webhooks/delivery-queue')).closeWebhookQueue({ obliterate: true });
  await (await import('../../../../server/redis/connection')).redis().quit();
  await t?.teardown();
});

async function newKey(scopes = ['webhooks']) {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x' }).returning();
  const generated = generateApiKey();
  await t.db.insert(apiKeys).values({ userId: u.id, name: 'test', prefix: generated.prefix, keyHash: generated.hash, scopes });
  return { userId: u.id, key: generated.key };
}

function request(path: string, key: string, init: { method?: string; body?: unknown } = {}) {
  return new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const none = ctx({} as Record<string, never>);
const body = { url: 'https://example.com/hooks', events: ['generation.succeeded', 'generation.failed'] };

async function create(key: string, b: unknown = body) {
  return routes.list.POST(request('/webhooks', key, { method: 'POST', body: b }), none);
}

describe('POST /api/v1/webhooks', () => {
  it('answers 201 with the endpoint and its whsec_ secret, once, and audits it', async () => {
    const caller = await newKey();
    const res = await create(caller.key);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), url: body.url, events: body.events, secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/) });
    expect(res.headers.get('location')).toBe(`/api/v1/webhooks/${created.id}`);

    const [row] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, created.id));
    expect(row.secretSealed).not.toContain(created.secret.slice(6));
    const listed = await (await routes.list.GET(request('/webhooks', caller.key), none)).json();
    expect(listed.data).toEqual([expect.objectContaining({ id: created.id, url: body.url, enabled: true })]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.targetId, created.id))).toEqual([expect.objectContaining({ action: 'webhook.create' })]);
  });

  it('replays a create under its Idempotency-Key with the same secret, which is stored sealed, not in the clear', async () => {
    const caller = await newKey();
    const key = randomUUID();
    const send = () => {
      const req = request('/webhooks', caller.key, { method: 'POST', body });
      req.headers.set('idempotency-key', key);
      return routes.list.POST(req, none);
    };
    const first = await (await send()).json();
    const replayed = await send();
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(await replayed.json()).toEqual(first);
    const [stored] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(JSON.stringify(stored.responseBody)).not.toContain(first.secret.slice(6));
    expect(JSON.stringify(stored.responseBody)).toContain('kumori-sealed:');
  });

  it('refuses a key without the webhooks scope, a bad URL and an unknown event', async () => {
    const readOnly = await newKey(['read']);
    expect((await create(readOnly.key)).status).toBe(403);
    const caller = await newKey();
    const badUrl = await create(caller.key, { ...body, url: 'file:///etc/passwd' });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.json()).toMatchObject({ error: { code: 'invalid', param: 'url' } });
    const badEvent = await create(caller.key, { ...body, events: ['generation.done'] });
    expect(await badEvent.json()).toMatchObject({ error: { code: 'invalid', param: 'events' } });
  });
});

describe('one endpoint', () => {
  it('rotates, sends a test event, shows it in the delivery log, and deletes; another user sees 404', async () => {
    const caller = await newKey();
    const { id, secret } = await (await create(caller.key)).json();

    const rotated = await routes.rotate.POST(request(`/webhooks/${id}/rotate`, caller.key, { method: 'POST' }), ctx({ id }));
    expect(rotated.status).toBe(200);
    const r = await rotated.json();
    expect(r).toEqual({ id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
    expect(r.secret).not.toBe(secret);

    const sent = await routes.test.POST(request(`/webhooks/${id}/test`, caller.key, { method: 'POST' }), ctx({ id }));
    expect(sent.status).toBe(202);
    const { deliveryId } = await sent.json();
    const log = await (await routes.deliveries.GET(request(`/webhooks/${id}/deliveries`, caller.key), ctx({ id }))).json();
    expect(log.data).toEqual([
      { id: deliveryId, event: 'webhook.test', state: 'pending', attempts: 0, statusCode: null, durationMs: null, error: null, createdAt: expect.any(String), lastAttemptAt: null },
    ]);
    // Still being sent (no worker here): a replay now would send it twice.
    const replay = await routes.replay.POST(request(`/webhooks/${id}/deliveries/${deliveryId}/replay`, caller.key, { method: 'POST' }), ctx({ id, deliveryId }));
    expect(replay.status).toBe(409);

    const stranger = await newKey();
    expect((await routes.one.GET(request(`/webhooks/${id}`, stranger.key), ctx({ id }))).status).toBe(404);
    expect((await routes.deliveries.GET(request(`/webhooks/${id}/deliveries`, stranger.key), ctx({ id }))).status).toBe(404);
    expect((await routes.one.DELETE(request(`/webhooks/${id}`, stranger.key, { method: 'DELETE' }), ctx({ id }))).status).toBe(404);

    const deleted = await routes.one.DELETE(request(`/webhooks/${id}`, caller.key, { method: 'DELETE' }), ctx({ id }));
    expect(await deleted.json()).toEqual({ id, deleted: true });
    expect((await routes.one.GET(request(`/webhooks/${id}`, caller.key), ctx({ id }))).status).toBe(404);
  });
});
