import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { models } from '../db/schema';

export type ModelListing = { id: string; displayName: string; nativeWidth: number; nativeHeight: number; isTest: boolean };

/**
 * A worker announces what its MODELS_DIR holds, so web nodes without model files can list them.
 * `isTest` comes from the folder's kumori.json; a listing without it registers an ordinary model.
 */
export async function registerModels(db: Db, listed: (Omit<ModelListing, 'isTest'> & { isTest?: boolean })[]): Promise<void> {
  if (listed.length === 0) return;
  await db
    .insert(models)
    .values(listed.map((m) => ({ ...m, isTest: m.isTest ?? false, updatedAt: new Date() })))
    .onConflictDoUpdate({
      target: models.id,
      set: {
        displayName: sql`excluded.display_name`,
        nativeWidth: sql`excluded.native_width`,
        nativeHeight: sql`excluded.native_height`,
        isTest: sql`excluded.is_test`,
        updatedAt: sql`now()`,
      },
    });
}

export async function registeredModels(db: Db): Promise<ModelListing[]> {
  return db
    .select({ id: models.id, displayName: models.displayName, nativeWidth: models.nativeWidth, nativeHeight: models.nativeHeight, isTest: models.isTest })
    .from(models)
    .orderBy(models.id);
}
