import 'server-only';
import { and, desc, eq, lt, ne, or, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { generations, images } from '../db/schema';
import { storageFromEnv } from '../storage';
import { downloadUrl, toGeneratedImage } from './image-urls';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor';

export const PAGE_SIZE = 24;

export async function listImages(userId: string, cursor: string | null, limit = PAGE_SIZE) {
  const after = decodeCursor(cursor);
  // Postgres keeps microseconds and the cursor milliseconds: compare at the cursor's precision, or
  // the rest of a batch (its images share one created_at) after a page's last one would be skipped.
  const createdMs = sql<Date>`date_trunc('milliseconds', ${images.createdAt})`;
  const afterMs = after ? sql`${after.createdAt.toISOString()}::timestamptz` : null;
  const rows = await db()
    .select({ image: images, params: generations.params })
    .from(images)
    .innerJoin(generations, eq(generations.id, images.generationId))
    .where(
      and(
        eq(images.userId, userId),
        ne(images.moderation, 'rejected'),
        after && afterMs ? or(lt(createdMs, afterMs), and(eq(createdMs, afterMs), lt(images.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(createdMs), desc(images.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const items = await Promise.all(
    page.map(async ({ image, params }) => ({
      ...(await toGeneratedImage(image)),
      prompt: params.prompt,
      createdAt: image.createdAt.toISOString(),
    })),
  );
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.image) : null };
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
