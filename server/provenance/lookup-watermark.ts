import 'server-only';
import { count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { generations, images, users, type GenerationParams } from '../db/schema';
import type { Size } from './watermark';

export type ProvenanceMatch = {
  imageId: string;
  imageIndex: number;
  moderation: 'clear' | 'review' | 'approved' | 'rejected';
  width: number;
  height: number;
  generationId: string;
  generationStatus: string | null;
  params: GenerationParams | null;
  createdAt: string;
  userId: string;
  userEmail: string | null;
};

export type ClaimedGeneration = { generationId: string; userId: string; userEmail: string | null; createdAt: string };

/**
 * The image that was given this watermark id. Left joins, because the answer should still name the
 * image when its generation or owner is gone; a rejected image keeps its row (only the file goes).
 */
export async function findByWatermark(ex: Executor, payload: bigint): Promise<ProvenanceMatch | null> {
  const [row] = await ex
    .select({
      imageId: images.id,
      imageIndex: images.index,
      moderation: images.moderation,
      width: images.width,
      height: images.height,
      generationId: images.generationId,
      generationStatus: generations.status,
      params: generations.params,
      createdAt: images.createdAt,
      userId: images.userId,
      userEmail: users.email,
    })
    .from(images)
    .leftJoin(generations, eq(generations.id, images.generationId))
    .leftJoin(users, eq(users.id, images.userId))
    .where(eq(images.watermarkId, payload.toString()));
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : null;
}

/** The generation embedded metadata claims, to tell a stripped watermark from forged metadata. */
export async function findGeneration(ex: Executor, generationId: string): Promise<ClaimedGeneration | null> {
  const [row] = await ex
    .select({ generationId: generations.id, userId: generations.userId, userEmail: users.email, createdAt: generations.createdAt })
    .from(generations)
    .leftJoin(users, eq(users.id, generations.userId))
    .where(eq(generations.id, generationId));
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : null;
}

/**
 * The sizes watermarked images were made at, most common first: a copy resized to any scale of
 * one of them can be read. Bounded, since each size tried costs a pass over the image.
 */
export async function watermarkedSizes(ex: Executor, limit = 48): Promise<Size[]> {
  return ex
    .select({ width: images.width, height: images.height })
    .from(images)
    .where(isNotNull(images.watermarkId))
    .groupBy(images.width, images.height)
    .orderBy(desc(count()))
    .limit(limit);
}
