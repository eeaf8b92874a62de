import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { auditLog } from '../db/safety-schema';
import { users } from '../db/schema';
import { eq } from 'drizzle-orm';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let audit: typeof import('./audit');
beforeAll(async () => {
  t = await setupTestEnv();
  audit = await import('./audit');
});
afterAll(async () => {
  await t?.teardown();
});

describe('audit log', () => {
  it('filters by action, actor and target, newest first, and pages', async () => {
    const [a] = await t.db.insert(users).values({ email: 'ada@example.com', passwordHash: 'x', role: 'admin' }).returning();
    const [b] = await t.db.insert(users).values({ email: 'bob@example.com', passwordHash: 'x', role: 'admin' }).returning();
    for (let i = 0; i < 5; i++) await audit.recordAudit(t.db, a, { action: 'user.suspend', targetType: 'user', targetId: `u${i}`, before: { i }, after: { i: i + 1 } });
    await audit.recordAudit(t.db, b, { action: 'image.reject', targetType: 'image', targetId: 'img1' });
    expect((await audit.listAudit(t.db, { action: 'image.reject' })).rows.map((r) => r.actorEmail)).toEqual(['bob@example.com']);
    expect((await audit.listAudit(t.db, { actor: 'ADA' })).rows.map((r) => r.targetId)).toEqual(['u4', 'u3', 'u2', 'u1', 'u0']);
    expect((await audit.listAudit(t.db, { target: 'u2' })).rows[0]).toMatchObject({ before: { i: 2 }, after: { i: 3 } });
    const first = await audit.listAudit(t.db, { limit: 4 });
    const second = await audit.listAudit(t.db, { limit: 4, before: first.next! });
    expect([...first.rows, ...second.rows].map((r) => r.targetId)).toEqual(['img1', 'u4', 'u3', 'u2', 'u1', 'u0']);
    expect(second.next).toBeNull();
  });

  it('refuses changes and deletions, but keeps entries (without the id) when their admin is deleted', async () => {
    const [c] = await t.db.insert(users).values({ email: 'cy@example.com', passwordHash: 'x', role: 'admin' }).returning();
    await audit.recordAudit(t.db, c, { action: 'policy.edit', targetType: 'policy', targetId: 'sexual' });
    const appendOnly = { cause: { message: expect.stringMatching(/audit_log is append-only/) } };
    await expect(t.db.update(auditLog).set({ action: 'nothing' }).where(eq(auditLog.actorEmail, 'cy@example.com'))).rejects.toMatchObject(appendOnly);
    await expect(t.db.delete(auditLog).where(eq(auditLog.actorEmail, 'cy@example.com'))).rejects.toMatchObject(appendOnly);
    await t.db.delete(users).where(eq(users.id, c.id));
    expect(await t.db.select().from(auditLog).where(eq(auditLog.actorEmail, 'cy@example.com'))).toMatchObject([{ actorId: null, action: 'policy.edit' }]);
  });
});
