import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { setupTestEnv } from '../testing/test-env';
import { closeTierQueues } from '../testing/queues';
import { promptIncidents } from '../db/safety-schema';
import { generations, images, users, workers } from '../db/schema';

// Real Postgres and Redis (a private queue prefix per run).
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let overview: typeof import('./overview');
let workersOverview: typeof import('./workers-overview');
let queues: typeof import('../queue/generation-queue');
beforeAll(async () => {
  t = await setupTestEnv();
  overview = await import('./overview');
  workersOverview = await import('./workers-overview');
  queues = await import('../queue/generation-queue');
});
afterAll(async () => {
  await closeTierQueues();
  await t?.teardown();
});

const ago = (seconds: number) => sql`now() - make_interval(secs => ${seconds})`;

describe('admin overview', () => {
  it('counts review images, blocks in 24 h, suspended users, live workers and waiting jobs', async () => {
    const [u, s] = await t.db
      .insert(users)
      .values([
        { email: 'u@example.com', passwordHash: 'x' },
        { email: 's@example.com', passwordHash: 'x', suspendedAt: new Date() },
      ])
      .returning();
    const params = { prompt: 'a lake', model: 'demo' } as never;
    const [g, running] = await t.db
      .insert(generations)
      .values([
        { userId: u.id, status: 'succeeded', cost: 1, params },
        { userId: u.id, status: 'running', tier: 'fast', cost: 1, params },
      ])
      .returning();
    const img = { generationId: g.id, userId: u.id, thumbKey: 't', mime: 'image/png', size: 1, width: 1, height: 1, sha256: 'x', seed: 1 };
    await t.db.insert(images).values([
      { ...img, index: 0, key: 'a', moderation: 'review' },
      { ...img, index: 1, key: 'b', moderation: 'review' },
      { ...img, index: 2, key: 'c', moderation: 'approved' },
    ]);
    const incident = { userId: u.id, source: 'web', field: 'prompt', category: 'sexual', term: 'x', prompt: 'x' };
    await t.db.insert(promptIncidents).values([
      { ...incident, action: 'block' },
      { ...incident, action: 'block', createdAt: ago(3600) },
      { ...incident, action: 'block', createdAt: ago(25 * 3600) },
      { ...incident, action: 'flag' },
    ]);
    await t.db.insert(workers).values([
      { id: 'w-live', host: 'gpu-1', executionProvider: 'cuda', installedModels: ['demo', 'sd15'], warmModels: ['demo'], currentJob: running.id },
      { id: 'w-stale', host: 'gpu-2', executionProvider: 'cpu', heartbeatAt: ago(60) },
    ]);
    const job = () => ({ generationId: randomUUID(), userId: u.id });
    await queues.tierQueue('relax').add('generate', job(), { priority: 1 });
    await queues.tierQueue('turbo').add('generate', job(), { priority: 2 });
    await queues.tierQueue('turbo').add('generate', job(), { delay: 60_000 });

    expect(await overview.adminOverview(t.db)).toEqual({ imagesInReview: 2, blockedLast24h: 2, suspendedUsers: 1, workersOnline: 1, jobsWaiting: 3 });
    expect(s.suspendedAt).not.toBeNull();

    const o = await workersOverview.workersOverview(t.db);
    expect(o.workers).toMatchObject([
      { id: 'w-live', isOnline: true, currentJob: running.id, currentTier: 'fast', currentModel: 'demo', warmModels: ['demo'] },
      { id: 'w-stale', isOnline: false, currentJob: null, currentTier: null },
    ]);
    expect(o.workers[1].ageSeconds).toBeGreaterThanOrEqual(59);
    expect(o.queues).toEqual({
      ok: true,
      tiers: [
        { tier: 'turbo', waiting: 1, delayed: 1, active: 0, failed: 0, completed: 0 },
        { tier: 'fast', waiting: 0, delayed: 0, active: 0, failed: 0, completed: 0 },
        { tier: 'relax', waiting: 1, delayed: 0, active: 0, failed: 0, completed: 0 },
      ],
    });
    expect(o.generations).toEqual({ turbo: { queued: 0, running: 0 }, fast: { queued: 0, running: 1 }, relax: { queued: 0, running: 0 } });
  });

  it('says the queue counts are unavailable, not zero, when Redis does not answer', async () => {
    const real = queues.tierQueue('fast');
    const dead = new Queue('generations-fast', {
      connection: new IORedis({ host: '127.0.0.1', port: 1, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null }),
    });
    dead.on('error', () => {});
    queues.useTierQueue('fast', dead as never);
    try {
      expect(await workersOverview.queueCounts()).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Queue counts are unavailable') } });
      expect((await overview.adminOverview(t.db)).jobsWaiting).toBeNull();
    } finally {
      queues.useTierQueue('fast', real);
      await dead.close().catch(() => {});
    }
  });
});
