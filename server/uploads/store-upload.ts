import 'server-only';
import { randomUUID } from 'node:crypto';
import { storageFromEnv, uploadKey } from '../storage';
import { validateUploadedImage } from './validate-image';

export type UploadResult =
  | { ok: true; id: string; width: number; height: number }
  | { ok: false; error: { code: string; message: string } };

/** Validates an init image and stores it, normalised to PNG, under the user's own key. */
export async function storeUpload(userId: string, bytes: Buffer): Promise<UploadResult> {
  const checked = await validateUploadedImage(bytes);
  if (!checked.ok) return checked;
  const id = randomUUID();
  await storageFromEnv().put(uploadKey(userId, id), checked.image.png, 'image/png');
  return { ok: true, id, width: checked.image.width, height: checked.image.height };
}

export async function uploadExists(userId: string, id: string): Promise<boolean> {
  return storageFromEnv().exists(uploadKey(userId, id));
}
