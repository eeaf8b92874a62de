import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let checkPrompt: typeof import('../safety/check-prompt').checkPrompt;
let changes: typeof import('./user-changes');
beforeAll(async () => {
  t = await setupTestEnv();
  Object.assign(process.env, { SAFETY_STRIKES_WARN: '2', SAFETY_STRIKES_SUSPEND: '3' });
  ({ checkPrompt } = await import('../safety/check-prompt'));
  changes = await import('./user-changes');
});
afterAll(async () => {
  await t?.teardown();
});

describe('strikes after an admin lifts a suspension', () => {
  it('count only blocked prompts made after the unsuspend', async () => {
    const [admin] = await t.db.insert(users).values({ email: 'a@example.com', passwordHash: 'x', role: 'admin' }).returning();
    const [u] = await t.db.insert(users).values({ email: 'u@example.com', passwordHash: 'x' }).returning();
    for (const p of ['porn', 'nsfw art', 'hentai']) await checkPrompt(u.id, { prompt: p }, 'web');
    const suspended = async () => (await t.db.select().from(users).where(eq(users.id, u.id)))[0].suspendedAt !== null;
    expect(await suspended()).toBe(true);
    expect(await changes.unsuspendUser(admin, { userId: u.id }, t.db)).toMatchObject({ ok: true });
    expect(await checkPrompt(u.id, { prompt: 'porn' }, 'web')).toMatchObject({ ok: false, suspended: false });
    expect(await suspended()).toBe(false);
    await checkPrompt(u.id, { prompt: 'porn' }, 'web');
    expect(await checkPrompt(u.id, { prompt: 'porn' }, 'web')).toMatchObject({ ok: false, suspended: true });
    expect(await suspended()).toBe(true);
  });
});
