import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { setupTestEnv } from '../../testing/test-env';
import { auditLog } from '../../db/safety-schema';
import { apiKeys } from '../../db/api-schema';
import { users } from '../../db/schema';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let keys: typeof import('./manage-keys');
let authenticateApiRequest: typeof import('../authenticate').authenticateApiRequest;
beforeAll(async () => {
  t = await setupTestEnv();
  keys = await import('./manage-keys');
  ({ authenticateApiRequest } = await import('../authenticate'));
});
afterAll(async () => {
  await t?.teardown();
});

let n = 0;
async function newUser(role: 'user' | 'admin' = 'user') {
  const [u] = await t.db.insert(users).values({ email: `k${n++}@example.com`, passwordHash: 'x', role }).returning();
  return { id: u.id, email: u.email };
}
const withKey = (key: string) => authenticateApiRequest(new Request('http://localhost/api/v1/me', { headers: { authorization: `Bearer ${key}` } }));
const auditOf = (targetId: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.id);
async function created(user: { id: string; email: string }, input: Record<string, unknown> = { scopes: ['generate', 'read'] }) {
  const r = await keys.createApiKey(user, input, t.db);
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe('creating a key', () => {
  it('returns a key that authenticates as its owner with its scopes, and stores only the hash', async () => {
    const user = await newUser();
    const { key, id, prefix } = await created(user, { name: ' CI ', scopes: ['read', 'generate', 'read'], expiresInDays: '30', monthlyCreditCap: '500' });
    expect(key).toMatch(/^kmr_[0-9A-Za-z]{49}$/);
    expect(prefix).toBe(`${key.slice(0, 8)}…`);
    const auth = await withKey(key);
    expect(auth).toMatchObject({ ok: true, caller: { user: { id: user.id, email: user.email }, keyId: id } });
    expect(auth.ok && [...auth.caller.scopes].sort()).toEqual(['generate', 'read']);
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row).toMatchObject({ name: 'CI', monthlyCreditCap: 500, prefix });
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.slice(8));
    const days = (row.expiresAt!.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ actorId: user.id, actorEmail: user.email, action: 'api_key.create', targetType: 'api_key' });
    expect(JSON.stringify(entry)).not.toContain(key.slice(8));
  });

  it('refuses bad input with the field at fault', async () => {
    const user = await newUser();
    const cases: [Record<string, unknown>, string][] = [
      [{ scopes: [] }, 'scopes'],
      [{ scopes: ['admin'] }, 'scopes'],
      [{ scopes: ['read'], name: 'x'.repeat(61) }, 'name'],
      [{ scopes: ['read'], expiresInDays: '-1' }, 'expiresInDays'],
      [{ scopes: ['read'], expiresInDays: '12' }, 'expiresInDays'],
      [{ scopes: ['read'], monthlyCreditCap: '0' }, 'monthlyCreditCap'],
      [{ scopes: ['read'], monthlyCreditCap: '2.5' }, 'monthlyCreditCap'],
    ];
    for (const [input, field] of cases) {
      const r = await keys.createApiKey(user, input, t.db);
      expect(r.ok ? null : r.error.fields?.[field], JSON.stringify(input)).toBeTruthy();
    }
    expect(await keys.listApiKeys(user.id, t.db)).toEqual([]);
  });

  it('accepts a single scope and no expiry or cap', async () => {
    const user = await newUser();
    const { id } = await created(user, { scopes: 'webhooks', expiresInDays: 'none', monthlyCreditCap: '' });
    expect(await keys.listApiKeys(user.id, t.db)).toMatchObject([{ id, scopes: ['webhooks'], expiresAt: null, monthlyCreditCap: null, lastUsedAt: null }]);
  });

  it(`stops at ${25} live keys`, async () => {
    const user = await newUser();
    for (let i = 0; i < keys.MAX_LIVE_KEYS; i++) await created(user, { scopes: ['read'] });
    const r = await keys.createApiKey(user, { scopes: ['read'] }, t.db);
    expect(r).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    const [first] = await keys.listApiKeys(user.id, t.db);
    await keys.revokeApiKey(user, first.id, t.db);
    expect((await keys.createApiKey(user, { scopes: ['read'] }, t.db)).ok).toBe(true);
  });
});

describe('authenticating with a key', () => {
  it('refuses a revoked key, an expired key and a malformed key', async () => {
    const user = await newUser();
    const revoked = await created(user);
    expect(await keys.revokeApiKey(user, revoked.id, t.db)).toMatchObject({ ok: true, key: { revokedAt: expect.any(Date) } });
    expect(await withKey(revoked.key)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const expired = await created(user, { scopes: ['read'], expiresInDays: 7 });
    await t.db.update(apiKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiKeys.id, expired.id));
    expect(await withKey(expired.key)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const good = await created(user);
    const typo = good.key.slice(0, 10) + (good.key[10] === 'a' ? 'b' : 'a') + good.key.slice(11);
    for (const bad of [typo, good.key.slice(0, -1), 'kmr_short', `sk_${good.key.slice(4)}`]) {
      expect(await withKey(bad)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect((await withKey(good.key)).ok).toBe(true);
  });

  it('writes last_used_at once and not again within a minute', async () => {
    const user = await newUser();
    const { key, id } = await created(user);
    const lastUsed = async () => (await t.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id)))[0].at;
    expect(await lastUsed()).toBeNull();
    await withKey(key);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await withKey(key);
    expect(await lastUsed()).toEqual(first);
    await t.db.update(apiKeys).set({ lastUsedAt: sql`now() - interval '2 minutes'` }).where(eq(apiKeys.id, id));
    const aged = await lastUsed();
    // The process also remembers its own last write, sparing the round trip within the minute.
    await withKey(key);
    expect(await lastUsed()).toEqual(aged);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      await withKey(key);
    } finally {
      vi.useRealTimers();
    }
    expect((await lastUsed())!.getTime()).toBeGreaterThan(aged!.getTime());
  });
});

describe('revoking', () => {
  it("does not let a user revoke another user's key, nor list it", async () => {
    const owner = await newUser();
    const other = await newUser();
    const { id, key } = await created(owner);
    expect(await keys.revokeApiKey(other, id, t.db)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await keys.revokeApiKey(other, 'not-a-uuid', t.db)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await keys.listApiKeys(other.id, t.db)).toEqual([]);
    expect((await withKey(key)).ok).toBe(true);
  });

  it('drops a revoked key from the live list; an admin still sees it', async () => {
    const user = await newUser();
    const { id } = await created(user);
    await keys.revokeApiKey(user, id, t.db);
    expect(await keys.listApiKeys(user.id, t.db)).toEqual([]);
    expect(await keys.adminListApiKeys(user.id, t.db)).toMatchObject([{ id, revokedAt: expect.any(Date) }]);
    expect(await keys.revokeApiKey(user, id, t.db)).toMatchObject({ ok: false, error: { code: 'unchanged' } });
    expect((await auditOf(id)).map((e) => [e.action, e.actorId])).toEqual([
      ['api_key.create', user.id],
      ['api_key.revoke', user.id],
    ]);
  });

  it("lets an admin revoke any user's key, audited under the admin", async () => {
    const admin = await newUser('admin');
    const user = await newUser();
    const { id, key, prefix } = await created(user);
    expect(await keys.adminRevokeApiKey(admin, id, t.db)).toMatchObject({ ok: true, key: { id } });
    expect(await withKey(key)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const entries = await auditOf(id);
    expect(entries.at(-1)).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'api_key.revoke',
      targetType: 'api_key',
      before: { userId: user.id, prefix, revokedAt: null },
      after: { userId: user.id, prefix, revokedAt: expect.any(String) },
    });
    expect(await keys.adminRevokeApiKey(admin, crypto.randomUUID(), t.db)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
