import 'server-only';
import { listModels, type ModelListing } from '../../worker/models/list-models';
import { env } from '../env';

export type InstalledModel = ModelListing;

/** Models the UI offers: the folders under MODELS_DIR that workers can load (same reader as theirs). */
export function installedModels(modelsDir = env().MODELS_DIR): Promise<InstalledModel[]> {
  return listModels(modelsDir);
}
