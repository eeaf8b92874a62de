import 'server-only';
import path from 'node:path';
import { env } from '../env';
import type { StorageDriver } from './driver';
import { LocalStorageDriver } from './local';
import { S3StorageDriver } from './s3';

export type { StorageCheck, StorageDriver, UrlOptions } from './driver';
export { UnsafeKeyError } from './driver';
export { generationPrefix, imageKey, isSafeKey, isSafePrefix, thumbnailKey, uploadKey, userPrefix } from './keys';
export { LocalStorageDriver, type LocalStorageConfig, type ServedFile } from './local';
export { S3StorageDriver, type S3StorageConfig } from './s3';
export { FILES_ROUTE, verifySignedFileUrl } from './signed-file-url';

let cached: StorageDriver | undefined;

/** The configured driver, one per process. */
export function storageFromEnv(): StorageDriver {
  cached ??= createStorage();
  return cached;
}

/**
 * The local driver when that is what is configured, for the /api/files route; `null` under S3,
 * whose URLs point at the bucket and never at that route.
 */
export function localStorageFromEnv(): LocalStorageDriver | null {
  const storage = storageFromEnv();
  return storage instanceof LocalStorageDriver ? storage : null;
}

function createStorage(): StorageDriver {
  const e = env();
  if (e.STORAGE_DRIVER === 's3') {
    return new S3StorageDriver({
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      endpoint: e.S3_ENDPOINT,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      defaultTtlSeconds: e.SIGNED_URL_TTL_SECONDS,
    });
  }
  return new LocalStorageDriver({
    root: path.join(e.DATA_DIR, 'storage'),
    secret: e.AUTH_SECRET,
    defaultTtlSeconds: e.SIGNED_URL_TTL_SECONDS,
  });
}
