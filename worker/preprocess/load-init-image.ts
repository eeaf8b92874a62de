import sharp from 'sharp';
import type { StorageDriver } from '../../server/storage/driver';
import { uploadKey } from '../../server/storage/keys';

/** The uploaded init image, cropped to the output's aspect and resized to it, as 8-bit RGB. */
export async function loadInitImage(
  storage: StorageDriver,
  userId: string,
  uploadId: string,
  width: number,
  height: number,
): Promise<Uint8Array | null> {
  const bytes = await storage.get(uploadKey(userId, uploadId));
  if (!bytes) return null;
  const { data } = await sharp(bytes)
    .resize(width, height, { fit: 'cover', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
