import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import { authOptions } from './options';
import type { SessionUser } from './users';

/**
 * The signed-in user, or null. A JWT can outlive its account (deleted user, reset database),
 * so the id is checked against Postgres rather than trusted. Once per request: the root layout,
 * an admin layout, its page and its metadata all ask (React's cache is per server render).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const [row] = await db().select({ id: users.id, email: users.email, role: users.role }).from(users).where(eq(users.id, id));
  return row ?? null;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/signin');
  return user;
}
