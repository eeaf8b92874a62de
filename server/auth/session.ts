import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { getToken } from 'next-auth/jwt';
import { redirect } from 'next/navigation';
import { and, eq, isNull } from 'drizzle-orm';
import { db } from '../db/client';
import { userSessions } from '../db/account-schema';
import { users } from '../db/schema';
import { env } from '../env';
import { isSessionId } from './sessions';
import type { SessionUser } from './users';

/**
 * The request's signed-in user and session, or null. The JWT cookie alone is not trusted: its
 * session must be live in Postgres (not signed out, not ended by a password change or a
 * suspension) and its account must still exist, all in one query. Once per request: the root
 * layout, an admin layout, its page and its metadata all ask (React's cache is per server render).
 */
const currentSession = cache(async (): Promise<{ user: SessionUser; sessionId: string } | null> => {
  const jar = await cookies();
  // Cookies only: next-auth's getToken would also take an `Authorization: Bearer` header, which
  // on the API routes carries API keys, not sessions.
  const token = await getToken({
    req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: env().AUTH_SECRET,
  });
  const sessionId = token?.sid;
  if (!token?.sub || !isSessionId(sessionId)) return null;
  const [row] = await db()
    .select({ id: users.id, email: users.email, role: users.role })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, token.sub), isNull(userSessions.revokedAt), isNull(users.deletedAt)));
  return row ? { user: row, sessionId } : null;
});

export const currentUser = cache(async (): Promise<SessionUser | null> => (await currentSession())?.user ?? null);

/** The live session of this request (for "end my other sessions"), or null for a visitor. */
export async function currentSessionId(): Promise<string | null> {
  return (await currentSession())?.sessionId ?? null;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/signin');
  return user;
}
