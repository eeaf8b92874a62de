import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { db } from '../db/client';
import { userNotices } from '../db/safety-schema';

/** The user's unread moderation notices, newest first. */
export async function unreadNotices(userId: string) {
  return db()
    .select({ id: userNotices.id, message: userNotices.message, createdAt: userNotices.createdAt })
    .from(userNotices)
    .where(and(eq(userNotices.userId, userId), isNull(userNotices.readAt)))
    .orderBy(desc(userNotices.id))
    .limit(20);
}

/** Marks one of the user's own notices read; another user's id changes nothing. */
export async function dismissNotice(userId: string, id: number): Promise<boolean> {
  const rows = await db()
    .update(userNotices)
    .set({ readAt: new Date() })
    .where(and(eq(userNotices.id, id), eq(userNotices.userId, userId), isNull(userNotices.readAt)))
    .returning({ id: userNotices.id });
  return rows.length > 0;
}
