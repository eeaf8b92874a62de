import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fail, type Failure } from '../../domain/result';
import { env } from '../env';
import { installedModels, type InstalledModel } from './installed';
import { readModelCard, type ModelCard } from './model-card';

type Role = 'user' | 'admin';

export type OfferedModel = InstalledModel & { card: ModelCard | null };

/** Test models (kumori.json `test`) are for admins; everyone else never sees them. */
export async function modelsOfferedTo(role: Role): Promise<InstalledModel[]> {
  const models = await installedModels();
  return role === 'admin' ? models : models.filter((m) => !m.isTest);
}

/**
 * The models with their cards, for the generator. A card is read from this host's MODELS_DIR; a
 * web node without the model's folder (models only on worker hosts) shows the model without one.
 */
export async function modelCatalog(role: Role): Promise<OfferedModel[]> {
  const models = await modelsOfferedTo(role);
  return Promise.all(
    models.map(async (m) => {
      const dir = path.join(env().MODELS_DIR, m.id);
      const present = await fs.stat(path.join(dir, 'model_index.json')).then(() => true, () => false);
      const card = present ? await readModelCard(dir).catch(() => null) : null;
      return { ...m, card };
    }),
  );
}

/** The refusal for a non-admin asking for a test model by name (from the form or the API), or null. */
export function testModelRefusal(installed: readonly InstalledModel[], modelId: string, admin: boolean): Failure | null {
  const model = installed.find((m) => m.id === modelId);
  if (!model?.isTest || admin) return null;
  const message = `Model "${modelId}" is a test model, offered to admins only. Choose another model.`;
  return fail('invalid', message, { model: message });
}
