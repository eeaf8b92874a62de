import type { StoredImage } from '../../server/generations/settle';
import type { StorageDriver } from '../../server/storage/driver';
import { imageKey, thumbnailKey } from '../../server/storage/keys';
import type { FinishedImage } from './finish-image';

type Kept = Extract<FinishedImage, { blocked: false }>;

/** Writes a finished image (image `index` of its generation) and its thumbnail to storage, and returns the row that indexes them. */
export async function storeImage(
  storage: StorageDriver,
  owner: { userId: string; generationId: string; seed: number; index: number },
  finished: Kept,
  size: { width: number; height: number },
): Promise<StoredImage> {
  const key = imageKey(owner.userId, owner.generationId, owner.index);
  const thumbKey = thumbnailKey(owner.userId, owner.generationId, owner.index);
  await storage.put(key, finished.png, 'image/png');
  await storage.put(thumbKey, finished.thumb, 'image/webp');
  return {
    index: owner.index,
    key,
    thumbKey,
    mime: 'image/png',
    size: finished.png.length,
    width: size.width,
    height: size.height,
    sha256: finished.sha256,
    seed: owner.seed,
    nsfwScores: finished.scores,
    moderation: finished.verdict.decision === 'review' ? 'review' : 'clear',
    watermarkId: finished.watermarkId,
  };
}
