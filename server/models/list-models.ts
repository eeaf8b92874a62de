import fs from 'node:fs/promises';
import path from 'node:path';
import { hasModelIndex, readModelInfo } from './model-info';

export interface ModelListing {
  id: string;
  displayName: string;
  nativeWidth: number;
  nativeHeight: number;
  /** Offered to admins only (kumori.json `test`). */
  isTest: boolean;
}

/** Model folders directly inside modelsDir (a folder counts if it has model_index.json), by id. */
export async function listModels(modelsDir: string): Promise<ModelListing[]> {
  const entries = await fs.readdir(modelsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const listings: ModelListing[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(modelsDir, entry.name);
    if (!(await hasModelIndex(dir))) continue;
    const { id, displayName, nativeWidth, nativeHeight, isTest } = await readModelInfo(dir);
    listings.push({ id, displayName, nativeWidth, nativeHeight, isTest });
  }
  return listings.sort((a, b) => a.id.localeCompare(b.id));
}
