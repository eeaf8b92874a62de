import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { uploads } from '../db/account-schema';
import { storageFromEnv } from '../storage';

export type UploadForEdit = { id: string; url: string; width: number; height: number };

/** One of the user's uploads with a signed link to its file, for the editor; someone else's reads as missing. */
export async function uploadForEdit(userId: string, id: string): Promise<UploadForEdit | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db()
    .select({ id: uploads.id, key: uploads.key, width: uploads.width, height: uploads.height })
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.userId, userId)));
  if (!row) return null;
  return { id: row.id, url: await storageFromEnv().url(row.key), width: row.width, height: row.height };
}
