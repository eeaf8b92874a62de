import 'server-only';
import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { generations, images, users } from '../db/schema';
import { storageFromEnv } from '../storage';
import { unsafeScore } from '../../worker/postprocess/nsfw/scores-policy';
import type { NsfwScores } from '../../worker/postprocess/nsfw/classifier';

export const REVIEW_PAGE = 24;

export type ReviewItem = {
  id: string;
  generationId: string;
  createdAt: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
  prompt: string;
  negativePrompt: string;
  flaggedCategory: string | null;
  scores: NsfwScores | null;
  unsafe: number | null;
  user: { id: string; email: string };
};

function cursorOf(row: { createdAt: Date; id: string }) {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function parseCursor(cursor: string | null | undefined) {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  return id && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** Images awaiting a moderator, oldest first (a queue), with what a reviewer needs to decide. */
export async function listReviewQueue(ex: Executor, opts: { cursor?: string | null; limit?: number } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? REVIEW_PAGE, 1), 100);
  const after = parseCursor(opts.cursor);
  const rows = await ex
    .select({ image: images, params: generations.params, flaggedCategory: generations.flaggedCategory, email: users.email })
    .from(images)
    .innerJoin(generations, eq(generations.id, images.generationId))
    .innerJoin(users, eq(users.id, images.userId))
    .where(
      and(
        eq(images.moderation, 'review'),
        after ? or(gt(images.createdAt, after.createdAt), and(eq(images.createdAt, after.createdAt), gt(images.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(images.createdAt), asc(images.id))
    .limit(limit + 1);
  const storage = storageFromEnv();
  const items: ReviewItem[] = await Promise.all(
    rows.slice(0, limit).map(async ({ image, params, flaggedCategory, email }) => {
      const scores = (image.nsfwScores as NsfwScores | null) ?? null;
      return {
        id: image.id,
        generationId: image.generationId,
        createdAt: image.createdAt.toISOString(),
        // Reviewers see the real image; its owner only the blurred thumbnail.
        url: await storage.url(image.key),
        thumbUrl: await storage.url(image.thumbKey),
        width: image.width,
        height: image.height,
        prompt: params.prompt,
        negativePrompt: params.negativePrompt,
        flaggedCategory,
        scores,
        unsafe: scores ? unsafeScore(scores) : null,
        user: { id: image.userId, email },
      };
    }),
  );
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last.image) : null };
}
