import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupTestEnv } from '../../server/testing/test-env';
import { uploads } from '../../server/db/account-schema';
import { users } from '../../server/db/schema';
import { pollUntil } from '../../tests/support/poll';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let maintenance: Awaited<ReturnType<typeof import('./maintenance-worker').startMaintenance>> | undefined;
beforeAll(async () => {
  t = await setupTestEnv();
});
afterAll(async () => {
  await maintenance?.queue.obliterate({ force: true }).catch(() => {});
  await maintenance?.stop();
  await t?.teardown();
});

describe('maintenance queue in the worker', () => {
  it('schedules upload expiry as a repeating job and runs it: an expired upload goes, file and row', async () => {
    const { env } = await import('../../server/env');
    const { createRedis } = await import('../../server/redis/connection');
    const { storageFromEnv } = await import('../../server/storage');
    const { uploadKey } = await import('../../server/storage/keys');
    const { startMaintenance } = await import('./maintenance-worker');
    const storage = storageFromEnv();

    const [u] = await t.db.insert(users).values({ email: 'old@example.com', passwordHash: 'x' }).returning();
    const id = randomUUID();
    const key = uploadKey(u.id, id, 'jpeg');
    await storage.put(key, Buffer.from('jpeg bytes'), 'image/jpeg');
    const createdAt = new Date(Date.now() - (env().UPLOAD_TTL_HOURS + 1) * 3600_000);
    await t.db.insert(uploads).values({ id, userId: u.id, key, mime: 'image/jpeg', bytes: 10, width: 64, height: 64, createdAt });

    maintenance = await startMaintenance({ db: t.db, storage, connect: () => createRedis('worker'), prefix: env().REDIS_PREFIX });
    const schedulers = await maintenance.queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([['expire-uploads', 15 * 60_000]]);

    // The first repetition runs at once.
    await pollUntil('the expired upload to go', async () => (await t.db.select().from(uploads).where(eq(uploads.id, id))).length === 0, 20_000);
    expect(await storage.exists(key)).toBe(false);
  });
});
