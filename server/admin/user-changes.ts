import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { db, type Executor, type Tx } from '../db/client';
import { users } from '../db/schema';
import { recordAudit, type Actor } from '../audit/audit';
import { disconnectSessions, revokeUserSessionRows } from '../auth/sessions';
import { fail, ok, type Failure, type Result } from '../../domain/result';

type UserRow = typeof users.$inferSelect;
export type ChangedUser = { id: string; email: string; role: UserRow['role']; suspendedAt: Date | null };

const userId = z.uuid({ error: 'No such user.' });
export const suspendSchema = z.object({
  userId,
  reason: z.string({ error: 'Say why the account is suspended.' }).trim().min(3, 'Say why (at least 3 characters); other admins see it in the audit log.').max(500, 'Keep the reason under 500 characters.'),
});
export const unsuspendSchema = z.object({ userId });
export const roleSchema = z.object({ userId, role: z.enum(['user', 'admin'], { error: 'Choose user or admin.' }) });

function parse<T>(schema: z.ZodType<T>, input: unknown): Result<{ data: T }> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok({ data: parsed.data }) : fail('invalid', parsed.error.issues[0].message);
}

const SNAPSHOT = {
  suspension: (u: UserRow) => ({ email: u.email, suspendedAt: u.suspendedAt?.toISOString() ?? null, suspendedReason: u.suspendedReason }),
  role: (u: UserRow) => ({ email: u.email, role: u.role }),
};

type Change = {
  action: string;
  snapshot: (u: UserRow) => Record<string, unknown>;
  /** Runs first in the transaction; may refuse (see setRole). */
  guard?: (tx: Tx) => Promise<Failure | null>;
  decide: (u: UserRow) => Failure | PgUpdateSetSource<typeof users>;
};

/** Locks the user, applies the change and records it in the audit log, all in one transaction. */
async function changeUser(ex: Executor, actor: Actor, id: string, change: Change): Promise<Result<{ user: ChangedUser }>> {
  return ex.transaction(async (tx) => {
    const refused = await change.guard?.(tx);
    if (refused) return refused;
    const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!row) return fail('not_found', 'No such user.');
    const set = change.decide(row);
    if ('ok' in set) return set;
    const [after] = await tx.update(users).set(set).where(eq(users.id, id)).returning();
    await recordAudit(tx, actor, { action: change.action, targetType: 'user', targetId: id, before: change.snapshot(row), after: change.snapshot(after) });
    return ok({ user: { id, email: after.email, role: after.role, suspendedAt: after.suspendedAt } });
  });
}

/**
 * Stops the account from generating, with the admin's reason, and ends its sessions in the same
 * transaction (open sockets close once it commits). The user may sign in again, to read.
 */
export async function suspendUser(actor: Actor, input: unknown, ex: Executor = db()): Promise<Result<{ user: ChangedUser }>> {
  const p = parse(suspendSchema, input);
  if (!p.ok) return p;
  if (p.data.userId === actor.id) return fail('self', 'You cannot suspend your own account. Ask another admin.');
  let ended: string[] = [];
  const result = await ex.transaction(async (tx) => {
    const changed = await changeUser(tx, actor, p.data.userId, {
      action: 'user.suspend',
      snapshot: SNAPSHOT.suspension,
      decide: (u) =>
        u.suspendedAt
          ? fail('unchanged', `${u.email} is already suspended.`)
          : // now() is the transaction's start, so the audit entry carries the same instant.
            { suspendedAt: sql`now()`, suspendedReason: p.data.reason },
    });
    if (changed.ok) ended = await revokeUserSessionRows(tx, p.data.userId);
    return changed;
  });
  disconnectSessions(ended);
  return result;
}

/** Lets the account generate again; strikes count afresh from now, so old blocked prompts cannot re-suspend at once. */
export async function unsuspendUser(actor: Actor, input: unknown, ex: Executor = db()): Promise<Result<{ user: ChangedUser }>> {
  const p = parse(unsuspendSchema, input);
  if (!p.ok) return p;
  return changeUser(ex, actor, p.data.userId, {
    action: 'user.unsuspend',
    snapshot: SNAPSHOT.suspension,
    decide: (u) =>
      u.suspendedAt ? { suspendedAt: null, suspendedReason: null, strikesSince: sql`now()` } : fail('unchanged', `${u.email} is not suspended.`),
  });
}

/** Makes a user an admin or takes the role away. */
export async function setRole(actor: Actor, input: unknown, ex: Executor = db()): Promise<Result<{ user: ChangedUser }>> {
  const p = parse(roleSchema, input);
  if (!p.ok) return p;
  const { role } = p.data;
  if (p.data.userId === actor.id && role !== 'admin') return fail('self', 'You cannot remove your own admin role. Ask another admin.');
  return changeUser(ex, actor, p.data.userId, {
    action: 'user.role',
    snapshot: SNAPSHOT.role,
    // Two admins demoting each other at once would leave none. Locking every admin row in one
    // order makes the second wait, then see that its actor is no longer an admin.
    guard: async (tx) => {
      if (role === 'admin') return null;
      const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).orderBy(asc(users.id)).for('update');
      return admins.some((a) => a.id === actor.id) ? null : fail('self', 'You are no longer an admin.');
    },
    decide: (u) => (u.role === role ? fail('unchanged', `${u.email} is already ${role === 'admin' ? 'an admin' : 'a plain user'}.`) : { role }),
  });
}
