import 'server-only';
import { and, asc, desc, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { images } from '../db/schema';

/**
 * The images either side of one in the gallery's order (newest first), for the lightbox's previous
 * and next. Compared at millisecond precision like listImages, so a batch (one created_at) keeps
 * the grid's order.
 */
export async function imageNeighbours(userId: string, image: { id: string; createdAt: Date | string }) {
  const createdMs = sql`date_trunc('milliseconds', ${images.createdAt})`;
  const at = sql`date_trunc('milliseconds', ${new Date(image.createdAt).toISOString()}::timestamptz)`;
  const mine = and(eq(images.userId, userId), ne(images.moderation, 'rejected'));
  const [newer] = await db()
    .select({ id: images.id })
    .from(images)
    .where(and(mine, or(gt(createdMs, at), and(eq(createdMs, at), gt(images.id, image.id)))))
    .orderBy(asc(createdMs), asc(images.id))
    .limit(1);
  const [older] = await db()
    .select({ id: images.id })
    .from(images)
    .where(and(mine, or(lt(createdMs, at), and(eq(createdMs, at), lt(images.id, image.id)))))
    .orderBy(desc(createdMs), desc(images.id))
    .limit(1);
  return { previousId: newer?.id ?? null, nextId: older?.id ?? null };
}
