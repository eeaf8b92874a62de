import 'server-only';
import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { storageFromEnv, uploadKey } from '../storage';
import { loadNsfwThresholds } from '../safety/nsfw-thresholds';
import { loadNsfwClassifier } from '../safety/nsfw/classifier';
import { decide } from '../safety/nsfw/scores-policy';
import { validateUploadedImage } from './validate-image';

/**
 * Validates an init image, classifies it, and stores it, normalised to PNG, under the user's own
 * key. An image at the block threshold is refused and never stored. One between the review and
 * block thresholds is accepted; the worker classifies it again and sends what is made from it to review.
 */
export async function storeUpload(userId: string, bytes: Buffer): Promise<Result<{ id: string; width: number; height: number }>> {
  const checked = await validateUploadedImage(bytes);
  if (!checked.ok) return checked;
  const [classifier, thresholds] = await Promise.all([loadNsfwClassifier(), loadNsfwThresholds(db())]);
  const scores = await classifier.classify(checked.image.png);
  if (decide(scores, thresholds) === 'block') {
    return fail('blocked_content', 'The content filter refused this image: it appears to contain explicit content. Choose another image.');
  }
  const id = randomUUID();
  await storageFromEnv().put(uploadKey(userId, id), checked.image.png, 'image/png');
  return ok({ id, width: checked.image.width, height: checked.image.height });
}

export async function uploadExists(userId: string, id: string): Promise<boolean> {
  return storageFromEnv().exists(uploadKey(userId, id));
}
