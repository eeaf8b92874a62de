import 'server-only';
import { listModels, type ModelListing } from './list-models';
import { db } from '../db/client';
import { env } from '../env';
import { registeredModels } from './registry';

export type InstalledModel = ModelListing;

/**
 * Models users can pick: those workers registered in Postgres. Before any worker has started
 * (first launch), the web host's own MODELS_DIR stands in, so the page is never empty.
 */
export async function installedModels(): Promise<InstalledModel[]> {
  const registered = await registeredModels(db());
  return registered.length > 0 ? registered : listModels(env().MODELS_DIR);
}
