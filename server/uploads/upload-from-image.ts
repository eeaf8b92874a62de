import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { fail, type Result } from '../../domain/result';
import { db } from '../db/client';
import { images } from '../db/schema';
import { storageFromEnv } from '../storage';
import { storeUpload, type StoredUpload } from './store-upload';
import { claimUploadAllowance } from './upload-allowance';

const NOT_FOUND = 'That image is not in your gallery any more. Choose another one.';

/**
 * Makes an init-image upload from one of the user's own generated images ("Vary"), through the
 * same path as a file upload: the hourly allowance, the quota, validation and classification. So a
 * variation costs what uploading the file would, and nobody can vary someone else's image.
 */
export async function uploadFromImage(userId: string, imageId: string): Promise<Result<StoredUpload>> {
  if (!/^[0-9a-f-]{36}$/i.test(imageId)) return fail('not_found', NOT_FOUND);
  const [row] = await db()
    .select({ key: images.key, moderation: images.moderation })
    .from(images)
    .where(and(eq(images.id, imageId), eq(images.userId, userId), ne(images.moderation, 'rejected')));
  if (!row) return fail('not_found', NOT_FOUND);
  if (row.moderation === 'review') return fail('forbidden', 'This image is awaiting review; it can be varied once a moderator approves it.');
  const allowed = await claimUploadAllowance(userId);
  if (!allowed.ok) return allowed;
  const bytes = await storageFromEnv().get(row.key);
  if (!bytes) return fail('not_found', NOT_FOUND);
  return storeUpload(userId, bytes);
}
