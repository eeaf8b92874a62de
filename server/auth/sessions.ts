import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { db } from '../db/client';
import { userSessions } from '../db/account-schema';

/**
 * Server-side sessions (user_sessions in Postgres). next-auth's JWT carries the row id as `sid`;
 * a session is live while its row exists and is not revoked, so ending one takes effect on the
 * very next request, action or socket event, not when the cookie expires.
 */
export async function createSession(userId: string, meta: { clientAddress?: string; userAgent?: string } = {}): Promise<string> {
  const [row] = await db()
    .insert(userSessions)
    .values({ userId, clientAddress: meta.clientAddress ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null })
    .returning({ id: userSessions.id });
  return row.id;
}

/** The session's owner when it is live, else null. */
export async function liveSessionOwner(sessionId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const [row] = await db()
    .select({ userId: userSessions.userId })
    .from(userSessions)
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
  return row?.userId ?? null;
}

export async function revokeSession(sessionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db().update(userSessions).set({ revokedAt: new Date() }).where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every session of the user (a password change keeps `except`, the one that made it). */
export async function revokeUserSessions(userId: string, opts: { except?: string } = {}): Promise<number> {
  const rows = await db()
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), opts.except ? ne(userSessions.id, opts.except) : undefined))
    .returning({ id: userSessions.id });
  return rows.length;
}
