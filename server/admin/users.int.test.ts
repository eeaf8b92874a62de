import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { setupTestEnv } from '../testing/test-env';
import { auditLog, promptIncidents } from '../db/safety-schema';
import { creditLedger, generations, images, users } from '../db/schema';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let search: typeof import('./users');
let changes: typeof import('./user-changes');
let suspensionOf: typeof import('../safety/suspension').suspensionOf;
beforeAll(async () => {
  t = await setupTestEnv();
  search = await import('./users');
  changes = await import('./user-changes');
  ({ suspensionOf } = await import('../safety/suspension'));
});
afterAll(async () => {
  await t?.teardown();
});

let n = 0;
async function newUser(email = `u${n++}@example.com`, role: 'user' | 'admin' = 'user') {
  const [u] = await t.db.insert(users).values({ email, passwordHash: 'x', role }).returning();
  return u;
}
const auditOf = (targetId: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.id);

describe('admin user search', () => {
  it('finds by email substring in any case, newest first, pages, and treats % and _ literally', async () => {
    const old = await newUser('anna.k@corp.test');
    await newUser('bob@elsewhere.test');
    const mid = await newUser('zed_k@CORP.test'.toLowerCase());
    const young = await newUser('corpus@corp.test');
    const found = await search.searchUsers({ q: 'CoRp.TeSt' }, t.db);
    expect(found.rows.map((r) => r.email)).toEqual([young.email, mid.email, old.email]);
    const page1 = await search.searchUsers({ q: 'corp.test', limit: 2 }, t.db);
    const page2 = await search.searchUsers({ q: 'corp.test', limit: 2, cursor: page1.next! }, t.db);
    expect([...page1.rows, ...page2.rows].map((r) => r.id)).toEqual([young.id, mid.id, old.id]);
    expect(page2.next).toBeNull();
    expect((await search.searchUsers({ q: 'd_k' }, t.db)).rows.map((r) => r.email)).toEqual(['zed_k@corp.test']);
    expect((await search.searchUsers({ q: 'a_k' }, t.db)).rows).toEqual([]);
    expect((await search.searchUsers({ q: '%' }, t.db)).rows).toEqual([]);
  });

  it('pages correctly through users created in the same millisecond', async () => {
    const stamp = sql`'2020-01-01T00:00:00.000123Z'::timestamptz`;
    const rows = await t.db
      .insert(users)
      .values(['same1@tie.test', 'same2@tie.test', 'same3@tie.test'].map((email, i) => ({ email, passwordHash: 'x', createdAt: sql`${stamp} + make_interval(secs => ${i / 1e6})` })))
      .returning();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search.searchUsers({ q: '@tie.test', limit: 1, cursor }, t.db);
      seen.push(...page.rows.map((r) => r.email));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(rows.map((r) => r.email).reverse());
  });
});

describe('suspend, unsuspend and role changes', () => {
  it('suspends with the reason and audits before and after in the same transaction', async () => {
    const admin = await newUser(undefined, 'admin');
    const target = await newUser();
    const r = await changes.suspendUser(admin, { userId: target.id, reason: '  spam bursts  ' }, t.db);
    expect(r).toMatchObject({ ok: true, user: { id: target.id, suspendedAt: expect.any(Date) } });
    const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
    expect(row.suspendedReason).toBe('spam bursts');
    const [entry] = await auditOf(target.id);
    expect(entry).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'user.suspend',
      targetType: 'user',
      before: { email: target.email, suspendedAt: null, suspendedReason: null },
      after: { email: target.email, suspendedAt: row.suspendedAt!.toISOString(), suspendedReason: 'spam bursts' },
    });
    // now() is fixed per transaction: equal instants mean one transaction wrote both.
    expect(entry.createdAt.getTime()).toBe(row.suspendedAt!.getTime());
    expect(await suspensionOf(target.id)).toMatch(/suspended/);
  });

  it('leaves the user untouched when the audit entry cannot be written', async () => {
    const target = await newUser();
    const ghost = { id: randomUUID(), email: 'ghost@example.com' };
    await expect(changes.suspendUser(ghost, { userId: target.id, reason: 'no such admin' }, t.db)).rejects.toThrow();
    const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
    expect(row.suspendedAt).toBeNull();
    expect(await auditOf(target.id)).toEqual([]);
  });

  it('refuses self-suspension, self-demotion, bad input and no-op changes, writing nothing', async () => {
    const admin = await newUser(undefined, 'admin');
    const other = await newUser();
    expect(await changes.suspendUser(admin, { userId: admin.id, reason: 'testing' }, t.db)).toMatchObject({ ok: false, error: { code: 'self', message: expect.stringContaining('your own account') } });
    expect(await changes.setRole(admin, { userId: admin.id, role: 'user' }, t.db)).toMatchObject({ ok: false, error: { code: 'self', message: expect.stringContaining('your own admin role') } });
    expect(await changes.suspendUser(admin, { userId: other.id, reason: 'x' }, t.db)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await changes.suspendUser(admin, { userId: 'not-a-uuid', reason: 'long enough' }, t.db)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await changes.setRole(admin, { userId: other.id, role: 'owner' }, t.db)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await changes.setRole(admin, { userId: randomUUID(), role: 'admin' }, t.db)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await changes.unsuspendUser(admin, { userId: other.id }, t.db)).toMatchObject({ ok: false, error: { code: 'unchanged' } });
    expect(await changes.setRole(admin, { userId: other.id, role: 'user' }, t.db)).toMatchObject({ ok: false, error: { code: 'unchanged' } });
    const [me] = await t.db.select().from(users).where(eq(users.id, admin.id));
    expect(me).toMatchObject({ role: 'admin', suspendedAt: null });
    expect([...(await auditOf(admin.id)), ...(await auditOf(other.id))]).toEqual([]);
  });

  it('changes the role both ways and audits each change', async () => {
    const admin = await newUser(undefined, 'admin');
    const other = await newUser();
    expect(await changes.setRole(admin, { userId: other.id, role: 'admin' }, t.db)).toMatchObject({ ok: true, user: { role: 'admin' } });
    expect(await changes.setRole(admin, { userId: other.id, role: 'user' }, t.db)).toMatchObject({ ok: true, user: { role: 'user' } });
    const [row] = await t.db.select().from(users).where(eq(users.id, other.id));
    expect(row.role).toBe('user');
    expect(await auditOf(other.id)).toMatchObject([
      { action: 'user.role', actorId: admin.id, before: { role: 'user' }, after: { role: 'admin' } },
      { action: 'user.role', actorId: admin.id, before: { role: 'admin' }, after: { role: 'user' } },
    ]);
  });

  it('lets exactly one of two admins demoting each other at once win, so an admin remains', async () => {
    const a = await newUser(undefined, 'admin');
    const b = await newUser(undefined, 'admin');
    const [ab, ba] = await Promise.all([changes.setRole(a, { userId: b.id, role: 'user' }, t.db), changes.setRole(b, { userId: a.id, role: 'user' }, t.db)]);
    expect([ab.ok, ba.ok].filter(Boolean)).toHaveLength(1);
    const roles = await t.db.select({ role: users.role }).from(users).where(sql`${users.id} in (${a.id}, ${b.id})`);
    expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'user']);
  });

  it('unsuspends so the user may generate again, clearing the reason, audited', async () => {
    const admin = await newUser(undefined, 'admin');
    const target = await newUser();
    await t.db.update(users).set({ suspendedAt: new Date(), suspendedReason: '5 blocked prompts in 24 hours' }).where(eq(users.id, target.id));
    expect(await suspensionOf(target.id)).not.toBeNull();
    expect(await changes.unsuspendUser(admin, { userId: target.id }, t.db)).toMatchObject({ ok: true, user: { suspendedAt: null } });
    expect(await suspensionOf(target.id)).toBeNull();
    const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
    expect(row.suspendedReason).toBeNull();
    expect(await auditOf(target.id)).toMatchObject([
      { action: 'user.unsuspend', before: { suspendedReason: '5 blocked prompts in 24 hours' }, after: { suspendedAt: null, suspendedReason: null } },
    ]);
  });
});

describe('admin user detail', () => {
  it('reports usage: generations by status, credits spent, images, incidents, last generation', async () => {
    const u = await newUser();
    const params = { prompt: 'a lake', model: 'demo' } as never;
    const gens = await t.db
      .insert(generations)
      .values([
        { userId: u.id, status: 'succeeded', cost: 4, params, createdAt: new Date('2024-01-01T00:00:00Z') },
        { userId: u.id, status: 'succeeded', cost: 4, params },
        { userId: u.id, status: 'failed', cost: 3, params, createdAt: new Date('2024-01-02T00:00:00Z') },
      ])
      .returning();
    const old = new Date(Date.now() - 40 * 86_400_000);
    await t.db.insert(creditLedger).values([
      { userId: u.id, kind: 'grant', amount: 100, reason: 'welcome', uniqueKey: `g:${u.id}` },
      { userId: u.id, kind: 'debit', amount: -10, reason: 'Generation', uniqueKey: `d0:${u.id}`, createdAt: old },
      { userId: u.id, kind: 'debit', amount: -4, reason: 'Generation', uniqueKey: `d1:${u.id}` },
      { userId: u.id, kind: 'debit', amount: -3, reason: 'Generation', uniqueKey: `d2:${u.id}` },
      { userId: u.id, kind: 'refund', amount: 3, reason: 'Failed', uniqueKey: `r2:${u.id}` },
    ]);
    const img = { generationId: gens[1].id, userId: u.id, thumbKey: 't', mime: 'image/png', size: 1, width: 1, height: 1, sha256: 'x', seed: 1 };
    await t.db.insert(images).values([
      { ...img, index: 0, key: `${u.id}/0` },
      { ...img, index: 1, key: `${u.id}/1`, moderation: 'review' },
    ]);
    const incident = { userId: u.id, source: 'web', field: 'prompt', category: 'sexual', term: 'x', prompt: 'x' };
    await t.db.insert(promptIncidents).values([{ ...incident, action: 'block' }, { ...incident, action: 'block' }, { ...incident, action: 'flag' }]);

    const detail = await search.userDetail(u.id, t.db);
    expect(detail?.user).toMatchObject({ email: u.email, credits: 86 });
    expect(detail?.usage).toEqual({
      generationsByStatus: { queued: 0, running: 0, succeeded: 2, failed: 1, cancelled: 0, blocked: 0 },
      creditsSpent: { allTime: 14, last30Days: 4 },
      images: { all: 2, inReview: 1 },
      promptIncidents: { blocked: 2, flagged: 1 },
      lastGenerationAt: gens[1].createdAt,
    });
    expect(detail?.recentLedger.map((e) => e.amount)).toEqual([3, -3, -4, -10, 100]);
  });

  it('is null for an unknown or malformed id', async () => {
    expect(await search.userDetail(randomUUID(), t.db)).toBeNull();
    expect(await search.userDetail('nope', t.db)).toBeNull();
  });
});
