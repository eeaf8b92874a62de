import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { generations, images } from '../db/schema';
import { storageFromEnv } from '../storage';
import { downloadUrl, toGeneratedImage } from './image-urls';
import { PAGE_SIZE, searchImages } from './search';

export { PAGE_SIZE };

/** The gallery with no filters, newest first (/api/images); the search itself is in search.ts. */
export async function listImages(userId: string, cursor: string | null, limit = PAGE_SIZE) {
  return searchImages(userId, { order: 'newest' }, cursor, limit);
}

export async function getImage(userId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db()
    .select({ image: images, generation: generations })
    .from(images)
    .innerJoin(generations, eq(generations.id, images.generationId))
    .where(and(eq(images.id, id), eq(images.userId, userId), ne(images.moderation, 'rejected')));
  if (!row) return null;
  const shown = await toGeneratedImage(row.image);
  return {
    ...shown,
    // Nothing to download until a moderator has approved it.
    downloadUrl: shown.pending ? null : await downloadUrl(row.image),
    params: row.generation.params,
    seed: row.image.seed,
    mime: row.image.mime,
    size: row.image.size,
    sha256: row.image.sha256,
    generationId: row.generation.id,
    favourite: row.image.favourite,
    timings: row.generation.timings,
    createdAt: row.image.createdAt.toISOString(),
  };
}

/** Removes the stored files first: a crash in between leaves a row pointing at nothing, never orphan bytes. */
export async function deleteImage(userId: string, id: string): Promise<Result> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return fail('not_found', 'Image not found.');
  const [row] = await db().select().from(images).where(and(eq(images.id, id), eq(images.userId, userId)));
  if (!row) return fail('not_found', 'Image not found. It may already be deleted.');
  const storage = storageFromEnv();
  await Promise.all([storage.delete(row.key), storage.delete(row.thumbKey)]);
  await db().delete(images).where(eq(images.id, row.id));
  return ok();
}
