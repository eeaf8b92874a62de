import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../../../../../worker/testing/harness';
import { serveRoutes } from '../../../../../../tests/support/serve-routes';
import { readSse, type SseMessage } from '../../../../../../tests/support/sse';
import { pollUntil } from '../../../../../../tests/support/poll';
import { apiKeys } from '../../../../../../server/db/api-schema';
import { generateApiKey } from '../../../../../../server/api/keys/key-format';

// GET /api/v1/generations/:id/events over a real loopback connection, with a real worker making the
// generation's steps, so the events are the ones a client sees: published by the worker, relayed
// through Redis to the route.
vi.mock('../../../../../../server/auth/session', () => ({ currentUser: async () => null }));

let h: Harness;
let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  h = await startHarness({ stepDelayMs: 40 });
  const events = await import('./route');
  server = await serveRoutes([
    { method: 'GET', pattern: /^\/api\/v1\/generations\/([^/]+)\/events$/, handler: events.GET as never, params: (m) => ({ id: m[1] }) },
  ]);
});
afterAll(async () => {
  await server?.close();
  await (await import('../../../../../../server/redis/connection')).redis().quit();
  await h?.stop();
});

async function newKey(scopes = ['generate', 'read']) {
  const userId = await h.newUser();
  const generated = generateApiKey();
  await h.db.insert(apiKeys).values({ userId, name: 'sse', prefix: generated.prefix, keyHash: generated.hash, scopes });
  return { userId, key: generated.key };
}

async function queued(userId: string, steps = 8) {
  const created = await h.createGeneration(userId, { prompt: 'a circle', width: 64, height: 64, steps, model: 'tiny-sd' });
  if (!created.ok) throw new Error(created.error.message);
  return created.id;
}

const open = (id: string, key: string, signal?: AbortSignal) =>
  fetch(`${server.url}/api/v1/generations/${id}/events`, { headers: { authorization: `Bearer ${key}` }, signal });

async function all(response: Response): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(response.body!)) out.push(m);
  return out;
}

describe('GET /api/v1/generations/:id/events', () => {
  it('streams progress with preview data URLs, then done with the images, and closes', async () => {
    const { userId, key } = await newKey();
    const id = await queued(userId);
    const response = await open(id, key);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('ratelimit')).toBeTruthy();
    const messages = await all(response);
    expect(messages[0].retry).toBeGreaterThan(0);
    const named = messages.filter((m) => m.event);
    const progress = named.filter((m) => m.event === 'progress').map((m) => JSON.parse(m.data));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ id, step: 8, steps: 8 });
    expect(progress.every((p) => typeof p.preview === 'string' && p.preview.startsWith('data:image/webp;base64,'))).toBe(true);
    expect(named.at(-1)?.event).toBe('done');
    const done = JSON.parse(named.at(-1)!.data);
    expect(done).toMatchObject({ id, status: 'succeeded' });
    expect(done.images).toHaveLength(1);
  });

  it('answers done at once for a generation that already ended', async () => {
    const { userId, key } = await newKey();
    const id = await queued(userId, 2);
    await h.finished(id);
    const named = (await all(await open(id, key))).filter((m) => m.event);
    expect(named.map((m) => m.event)).toEqual(['done']);
    expect(JSON.parse(named[0].data)).toMatchObject({ id, status: 'succeeded' });
  });

  it('refuses a wrong key, a key without read, and another user\'s generation in the v1 error shape', async () => {
    const owner = await newKey();
    const id = await queued(owner.userId, 2);
    expect((await open(id, generateApiKey().key)).status).toBe(401);
    const writeOnly = await newKey(['generate']);
    expect((await open(id, writeOnly.key)).status).toBe(403);
    const stranger = await newKey();
    const missing = await open(id, stranger.key);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    await h.finished(id);
  });

  it('lets go of the Redis subscription when the client disconnects', async () => {
    const { userId, key } = await newKey();
    h.worker.pause();
    const id = await queued(userId);
    const client = new AbortController();
    const response = await open(id, key, client.signal);
    const reader = readSse(response.body!);
    const channel = (await import('../../../../../../server/redis/keys')).redisKeys.liveEvents(id);
    const subscribers = async () => ((await h.redis.pubsub('NUMSUB', channel)) as [string, number])[1];
    expect((await reader.next()).value?.retry).toBeGreaterThan(0);
    expect(await subscribers()).toBe(1);
    client.abort();
    await reader.return(undefined).catch(() => {});
    await pollUntil('the subscription to end', async () => (await subscribers()) === 0, 10_000);
    h.worker.resume();
    await h.finished(id);
  });
});
