import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { uploads } from '../db/account-schema';
import { db } from '../db/client';
import { storageFromEnv } from '../storage';
import { uploadKey } from '../storage/keys';
import { loadNsfwThresholds } from '../safety/nsfw-thresholds';
import { decide } from '../safety/nsfw/scores-policy';
import { checkQuota, uploadBytesOf } from './upload-allowance';
import { processUploadOffThread } from './upload-pool';

export type StoredUpload = { id: string; width: number; height: number };

/**
 * Validates an init image, re-encodes it in its own format and classifies it (on the upload
 * thread pool), then records and stores it under the user's own key. An image at the block
 * threshold is refused and never stored. One between the review and block thresholds is accepted;
 * the worker classifies it again and sends what is made from it to review.
 */
export async function storeUpload(userId: string, bytes: Buffer): Promise<Result<StoredUpload>> {
  const [processed, thresholds] = await Promise.all([processUploadOffThread(bytes), loadNsfwThresholds(db())]);
  if (!processed.ok) return processed;
  if (decide(processed.scores, thresholds) === 'block') {
    return fail('blocked_content', 'The content filter refused this image: it appears to contain explicit content. Choose another image.');
  }
  const { image } = processed;
  const id = randomUUID();
  const key = uploadKey(userId, id, image.format);
  // The row first: a crash before the bytes land leaves a row the expiry removes, never an unlisted file.
  const recorded = await db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`uploads:${userId}`}, 0))`);
    const room = checkQuota(await uploadBytesOf(tx, userId), image.bytes.length);
    if (!room.ok) return room;
    await tx.insert(uploads).values({ id, userId, key, mime: image.mime, bytes: image.bytes.length, width: image.width, height: image.height });
    return ok();
  });
  if (!recorded.ok) return recorded;
  try {
    await storageFromEnv().put(key, image.bytes, image.mime);
  } catch (error) {
    await db().delete(uploads).where(eq(uploads.id, id));
    throw error;
  }
  return ok({ id, width: image.width, height: image.height });
}

/** True when the user has an upload by this id (someone else's reads as missing). */
export async function uploadExists(userId: string, id: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: uploads.id })
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.userId, userId)));
  return !!row;
}
