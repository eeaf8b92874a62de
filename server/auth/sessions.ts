import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { db, type Executor } from '../db/client';
import { userSessions } from '../db/account-schema';
import { userEvents } from '../realtime/emitter';

/**
 * Server-side sessions (user_sessions in Postgres). next-auth's JWT carries the row id as `sid`;
 * a session is live while its row exists and is not revoked, so ending one takes effect on the
 * very next request, action or socket handshake, not when the cookie expires. Ending one also
 * disconnects its open sockets on every web node (room `session:<id>`, through Redis).
 */
export async function createSession(userId: string, meta: { clientAddress?: string; userAgent?: string } = {}): Promise<string> {
  const [row] = await db()
    .insert(userSessions)
    .values({ userId, clientAddress: meta.clientAddress ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null })
    .returning({ id: userSessions.id });
  return row.id;
}

export const isSessionId = (id: unknown): id is string => typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The session's owner when it is live, else null. */
export async function liveSessionOwner(sessionId: string): Promise<string | null> {
  if (!isSessionId(sessionId)) return null;
  const [row] = await db()
    .select({ userId: userSessions.userId })
    .from(userSessions)
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
  return row?.userId ?? null;
}

/** Closes the sockets of ended sessions. Call after the transaction that revoked them commits. */
export function disconnectSessions(sessionIds: string[]): void {
  if (sessionIds.length > 0) userEvents().disconnectSessions(sessionIds);
}

export async function revokeSession(sessionId: string): Promise<void> {
  if (!isSessionId(sessionId)) return;
  const rows = await db()
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  disconnectSessions(rows.map((r) => r.id));
}

/**
 * Marks the user's live sessions revoked inside the caller's transaction (a suspension) and
 * returns their ids; the caller passes them to disconnectSessions once it has committed.
 */
export async function revokeUserSessionRows(ex: Executor, userId: string, opts: { except?: string | null } = {}): Promise<string[]> {
  const except = isSessionId(opts.except) ? opts.except : undefined;
  const rows = await ex
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), except ? ne(userSessions.id, except) : undefined))
    .returning({ id: userSessions.id });
  return rows.map((r) => r.id);
}

/** Ends every session of the user (a password change keeps `except`, the one that made it). */
export async function revokeUserSessions(userId: string, opts: { except?: string | null } = {}): Promise<number> {
  const ids = await revokeUserSessionRows(db(), userId, opts);
  disconnectSessions(ids);
  return ids.length;
}
