import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { images } from '../db/schema';

/** Stars or unstars one of the user's images; someone else's (or a rejected one) is not found. */
export async function setFavourite(userId: string, id: string, favourite: boolean): Promise<Result<{ id: string; favourite: boolean }>> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return fail('not_found', 'Image not found.');
  const [row] = await db()
    .update(images)
    .set({ favourite })
    .where(and(eq(images.id, id), eq(images.userId, userId), ne(images.moderation, 'rejected')))
    .returning({ id: images.id, favourite: images.favourite });
  return row ? ok(row) : fail('not_found', 'Image not found.');
}
