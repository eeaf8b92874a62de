import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { setupTestEnv } from '../../../server/testing/test-env';
import { closeTierQueues } from '../../../server/testing/queues';
import { apiKeys } from '../../../server/db/api-schema';
import { generations, images, models, users } from '../../../server/db/schema';
import { generateApiKey } from '../../../server/api/keys/key-format';
import { apiErrorSchema } from '../../../server/api/openapi/error-schemas';
import * as webhookSchemas from '../../../server/api/openapi/webhook-schemas';

// Real answers of the documented routes, parsed with the zod schemas the OpenAPI document is built
// from: a field added to (or dropped from) an answer without its schema fails here.
vi.mock('../../../server/auth/session', () => ({ currentUser: async () => null }));

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let caller: { userId: string; key: string };
let gen: typeof import('../../../server/api/v1/generations');
let account: typeof import('../../../server/api/v1/account');

beforeAll(async () => {
  t = await setupTestEnv();
  gen = await import('../../../server/api/v1/generations');
  account = await import('../../../server/api/v1/account');
  await t.db.insert(models).values({ id: 'ghost', displayName: 'Ghost', nativeWidth: 64, nativeHeight: 64 });
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x', plan: 'pro' }).returning();
  const { grantCredits } = await import('../../../server/billing/ledger');
  await grantCredits(t.db, u.id, 1000, 'test', `t:${u.id}`);
  const generated = generateApiKey();
  await t.db.insert(apiKeys).values({ userId: u.id, name: 'test', prefix: generated.prefix, keyHash: generated.hash, scopes: ['generate', 'read', 'webhooks'] });
  caller = { userId: u.id, key: generated.key };
});
afterAll(async () => {
  await closeTierQueues();
  await (await import('../../../server/redis/connection')).redis().quit();
  await t?.teardown();
});

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P>(handler: Handler<P>, path: string, params: P, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${caller.key}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://localhost/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

function expectShape(schema: z.ZodType, body: unknown) {
  expect(schema.parse(body)).toEqual(body);
}

const none = {} as Record<string, never>;

describe('answers match their documented schemas', () => {
  it('generations: created, one (queued and succeeded), the list, a cancel', async () => {
    const list = await import('./generations/route');
    const one = await import('./generations/[id]/route');
    const cancel = await import('./generations/[id]/cancel/route');
    const created = await call(list.POST, '/generations', none, { method: 'POST', body: { prompt: 'a red circle', width: 64, height: 64, steps: 4, model: 'ghost', tier: 'fast' } });
    expect(created.status).toBe(202);
    expectShape(gen.generationCreatedSchema, created.body);
    expectShape(gen.generationSchema, (await call(one.GET, `/generations/${created.body.id}`, { id: created.body.id })).body);
    expectShape(gen.generationListSchema, (await call(list.GET, '/generations', none)).body);
    const cancelled = await call(cancel.POST, `/generations/${created.body.id}/cancel`, { id: created.body.id }, { method: 'POST' });
    expectShape(gen.cancelOutcomeSchema, cancelled.body);

    const [g] = await t.db
      .insert(generations)
      .values({ userId: caller.userId, status: 'succeeded', tier: 'fast', cost: 4, params: { prompt: 'p', negativePrompt: '', width: 64, height: 64, steps: 4, guidance: 7.5, seed: 7, sampler: 'ddim', model: 'ghost' }, timings: { totalMs: 5 } })
      .returning();
    await t.db.insert(images).values({ generationId: g.id, userId: caller.userId, key: `images/${caller.userId}/${g.id}/0.png`, thumbKey: `images/${caller.userId}/${g.id}/0.webp`, mime: 'image/png', size: 1, width: 64, height: 64, sha256: 'x', seed: 7 });
    const done = await call(one.GET, `/generations/${g.id}`, { id: g.id });
    expect(done.body.images).toHaveLength(1);
    expectShape(gen.generationSchema, done.body);
  });

  it('me and models', async () => {
    expectShape(account.accountSchema, (await call((await import('./me/route')).GET, '/me', none)).body);
    const listed = await call((await import('./models/route')).GET, '/models', none);
    expect(listed.body.data).toHaveLength(1);
    expectShape(account.modelListSchema, listed.body);
  });

  it('webhooks: created, listed, one, rotated, deliveries, deleted', async () => {
    const hooks = await import('./webhooks/route');
    const hook = await import('./webhooks/[id]/route');
    const created = await call(hooks.POST, '/webhooks', none, { method: 'POST', body: { url: 'https://example.com/hooks', events: ['generation.succeeded'] } });
    expect(created.status).toBe(201);
    expectShape(webhookSchemas.webhookCreatedSchema, created.body);
    const { id } = created.body;
    expectShape(webhookSchemas.webhookListSchema, (await call(hooks.GET, '/webhooks', none)).body);
    expectShape(webhookSchemas.webhookEndpointSchema, (await call(hook.GET, `/webhooks/${id}`, { id })).body);
    const rotated = await call((await import('./webhooks/[id]/rotate/route')).POST, `/webhooks/${id}/rotate`, { id }, { method: 'POST' });
    expectShape(webhookSchemas.webhookRotatedSchema, rotated.body);
    expectShape(webhookSchemas.webhookDeliveryListSchema, (await call((await import('./webhooks/[id]/deliveries/route')).GET, `/webhooks/${id}/deliveries`, { id })).body);
    expectShape(webhookSchemas.webhookDeletedSchema, (await call(hook.DELETE, `/webhooks/${id}`, { id }, { method: 'DELETE' })).body);
  });

  it('failures, in the one error shape', async () => {
    const one = await import('./generations/[id]/route');
    const missing = await call(one.GET, `/generations/${randomUUID()}`, { id: randomUUID() });
    expect(missing.status).toBe(404);
    expectShape(apiErrorSchema, missing.body);
    const invalid = await call((await import('./generations/route')).POST, '/generations', none, { method: 'POST', body: { prompt: '', model: 'ghost' } });
    expect(invalid.status).toBe(400);
    expectShape(apiErrorSchema, invalid.body);
    expect(() => apiErrorSchema.parse({ error: { code: 'no_such_code', message: 'x' } })).toThrow();
  });
});
