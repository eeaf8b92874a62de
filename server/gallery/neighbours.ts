import 'server-only';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { images } from '../db/schema';

/**
 * The images either side of one in the gallery's order (newest first), for the lightbox's previous
 * and next. Compared on the stored created_at (microseconds, read back by id rather than taken from
 * the caller's millisecond copy) and then the id, as the grid orders them (search.ts).
 */
export async function imageNeighbours(userId: string, image: { id: string; createdAt: Date | string }) {
  const self = sql`((select i.created_at from images i where i.id = ${image.id}::uuid), ${image.id}::uuid)`;
  const mine = and(eq(images.userId, userId), ne(images.moderation, 'rejected'));
  const [newer] = await db()
    .select({ id: images.id })
    .from(images)
    .where(and(mine, sql`(${images.createdAt}, ${images.id}) > ${self}`))
    .orderBy(asc(images.createdAt), asc(images.id))
    .limit(1);
  const [older] = await db()
    .select({ id: images.id })
    .from(images)
    .where(and(mine, sql`(${images.createdAt}, ${images.id}) < ${self}`))
    .orderBy(desc(images.createdAt), desc(images.id))
    .limit(1);
  return { previousId: newer?.id ?? null, nextId: older?.id ?? null };
}
