import sharp from 'sharp';
import type { StorageDriver } from '../../server/storage/driver';
import { uploadKeys } from '../../server/storage/keys';

/** An upload's stored bytes, in whichever of the upload formats (PNG, JPEG, WebP) it was kept. */
export async function readUpload(storage: StorageDriver, userId: string, uploadId: string): Promise<Buffer | null> {
  for (const key of uploadKeys(userId, uploadId)) {
    const bytes = await storage.get(key);
    if (bytes) return bytes;
  }
  return null;
}

/** The uploaded init image as stored (`bytes`) and cropped to the output's aspect and size as 8-bit RGB. */
export async function loadInitImage(
  storage: StorageDriver,
  userId: string,
  uploadId: string,
  width: number,
  height: number,
): Promise<{ rgb: Uint8Array; bytes: Buffer } | null> {
  const bytes = await readUpload(storage, userId, uploadId);
  if (!bytes) return null;
  const { data } = await sharp(bytes)
    .resize(width, height, { fit: 'cover', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.length), bytes };
}
