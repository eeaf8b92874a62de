import 'server-only';
import { and, asc, eq, gt, or } from 'drizzle-orm';
import { db, type Executor } from '../db/client';
import { generations, images, users } from '../db/schema';
import { storageFromEnv } from '../storage';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor';
import { unsafeScore } from '../safety/nsfw/scores-policy';
import type { NsfwScores } from '../safety/nsfw/classifier';
import { loadNsfwThresholds } from '../safety/nsfw-thresholds';

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

// Reviewers see the real image; its owner only the blurred thumbnail.
async function signedUrls(image: { key: string; thumbKey: string }) {
  const storage = storageFromEnv();
  const [url, thumbUrl] = await Promise.all([storage.url(image.key), storage.url(image.thumbKey)]);
  return { url, thumbUrl };
}

/** Images awaiting a moderator, oldest first (a queue), with what a reviewer needs to decide. */
export async function listReviewQueue(ex: Executor, opts: { cursor?: string | null; limit?: number } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? REVIEW_PAGE, 1), 100);
  const after = decodeCursor(opts.cursor);
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
  const items: ReviewItem[] = await Promise.all(
    rows.slice(0, limit).map(async ({ image, params, flaggedCategory, email }) => {
      const scores = (image.nsfwScores as NsfwScores | null) ?? null;
      return {
        id: image.id,
        generationId: image.generationId,
        createdAt: image.createdAt.toISOString(),
        ...(await signedUrls(image)),
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
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.image) : null };
}

/** The review page: a page of the queue (`after` is the cursor from its link) and the thresholds that fill it. */
export async function readReviewQueue(after: unknown) {
  const [page, thresholds] = await Promise.all([listReviewQueue(db(), { cursor: typeof after === 'string' ? after : null }), loadNsfwThresholds()]);
  return { ...page, thresholds };
}
