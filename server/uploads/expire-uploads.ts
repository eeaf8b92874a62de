import 'server-only';
import { and, inArray, lt, sql } from 'drizzle-orm';
import { uploads } from '../db/account-schema';
import type { Executor } from '../db/client';
import { generations } from '../db/schema';
import type { StorageDriver } from '../storage/driver';

export type ExpireUploadsDeps = { db: Executor; storage: StorageDriver };

/** Rows handled per statement, so one run never holds a long transaction or a huge list. */
const BATCH = 500;

/** No generation names this upload as its init image (the owner's own generations are the only ones that can). */
const unreferenced = sql`not exists (
  select 1 from ${generations}
  where ${generations.userId} = ${uploads.userId} and ${generations.params}->>'initImage' = ${uploads.id}::text
)`;

/**
 * Deletes uploads older than `ttlHours` that no generation refers to: the row and the stored file.
 * The row goes first, in the same statement that checks the reference, so an upload a generation
 * starts using concurrently is either kept whole or (if already gone) refused at request time.
 * Returns how many went.
 */
export async function expireUploads(deps: ExpireUploadsDeps, ttlHours: number, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ttlHours * 3600_000);
  let expired = 0;
  for (;;) {
    const candidates = deps.db
      .select({ id: uploads.id })
      .from(uploads)
      .where(and(lt(uploads.createdAt, cutoff), unreferenced))
      .limit(BATCH);
    const gone = await deps.db
      .delete(uploads)
      .where(and(inArray(uploads.id, candidates), unreferenced))
      .returning({ key: uploads.key });
    await deleteFiles(deps.storage, gone.map((g) => g.key));
    expired += gone.length;
    if (gone.length < BATCH) return expired;
  }
}

/** Tries every file even when some fail (a storage outage), then reports the failures as one error. */
async function deleteFiles(storage: StorageDriver, keys: string[]): Promise<void> {
  const failed: string[] = [];
  for (const key of keys) {
    await storage.delete(key).catch((error: Error) => failed.push(`${key}: ${error.message}`));
  }
  if (failed.length) throw new Error(`Could not delete ${failed.length} expired upload file(s): ${failed.slice(0, 3).join('; ')}`);
}
