import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { models } from '../db/schema';

export type ModelListing = { id: string; displayName: string; nativeWidth: number; nativeHeight: number };

/** A worker announces what its MODELS_DIR holds, so web nodes without model files can list them. */
export async function registerModels(db: Db, listed: ModelListing[]): Promise<void> {
  if (listed.length === 0) return;
  await db
    .insert(models)
    .values(listed.map((m) => ({ ...m, updatedAt: new Date() })))
    .onConflictDoUpdate({
      target: models.id,
      set: {
        displayName: sql`excluded.display_name`,
        nativeWidth: sql`excluded.native_width`,
        nativeHeight: sql`excluded.native_height`,
        updatedAt: sql`now()`,
      },
    });
}

export async function registeredModels(db: Db): Promise<ModelListing[]> {
  return db
    .select({ id: models.id, displayName: models.displayName, nativeWidth: models.nativeWidth, nativeHeight: models.nativeHeight })
    .from(models)
    .orderBy(models.id);
}
