'use server';
import { currentUser } from '@/server/auth/session';
import { deleteImage } from '@/server/gallery/images';
import { dismissNotice } from '@/server/moderation/notices';

export async function deleteImageAction(id: string): Promise<{ ok: boolean; message?: string }> {
  const user = await currentUser();
  if (!user) return { ok: false, message: 'Your session has ended. Sign in again.' };
  if (typeof id !== 'string') return { ok: false, message: 'Image not found.' };
  return deleteImage(user.id, id);
}

export async function dismissNoticeAction(id: number): Promise<{ ok: boolean }> {
  const user = await currentUser();
  if (!user || !Number.isSafeInteger(id)) return { ok: false };
  return { ok: await dismissNotice(user.id, id) };
}
