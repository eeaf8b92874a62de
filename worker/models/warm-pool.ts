import fs from 'node:fs';
import path from 'node:path';
import { loadModel, type LoadedModel, type LoadModelOptions } from './load-model';

export class ModelNotInstalledError extends Error {
  constructor(readonly model: string) {
    super(`Model "${model}" is not installed on this worker.`);
  }
}

type Options = Omit<LoadModelOptions, 'executionProvider'> & {
  modelsDir: string;
  executionProvider: LoadModelOptions['executionProvider'];
  /** Budget for loaded models, counted as the size of their ONNX files (what the runtime maps). */
  maxMegabytes: number;
};

type Entry = { model: Promise<LoadedModel>; megabytes: number };

/** The on-disk size of a model's graphs: a fair proxy for the memory a loaded session holds. */
export function modelMegabytes(dir: string): number {
  let bytes = 0;
  for (const part of ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder']) {
    const partDir = path.join(dir, part);
    if (!fs.existsSync(partDir)) continue;
    for (const f of fs.readdirSync(partDir)) bytes += fs.statSync(path.join(partDir, f)).size;
  }
  return bytes / 2 ** 20;
}

/**
 * Keeps loaded models warm between jobs, least recently used first out once their total size
 * passes maxMegabytes. The model in use is never evicted: a single model larger than the budget
 * still loads, alone.
 */
export class WarmPool {
  private readonly loaded = new Map<string, Entry>();

  constructor(private readonly opts: Options) {}

  async get(model: string): Promise<LoadedModel> {
    const existing = this.loaded.get(model);
    if (existing) {
      this.loaded.delete(model);
      this.loaded.set(model, existing); // most recently used goes last
      return existing.model;
    }
    const dir = this.resolve(model);
    const megabytes = modelMegabytes(dir);
    await this.evictFor(megabytes);
    const { modelsDir: _dir, maxMegabytes: _max, ...loadOptions } = this.opts;
    const loading = loadModel(dir, loadOptions);
    this.loaded.set(model, { model: loading, megabytes });
    loading.catch(() => this.loaded.delete(model));
    return loading;
  }

  warmModels(): string[] {
    return [...this.loaded.keys()];
  }

  async releaseAll(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    await Promise.allSettled(all.map(async (e) => (await e.model).release()));
  }

  private resolve(model: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(model) || model.startsWith('.')) throw new ModelNotInstalledError(model);
    const dir = path.join(this.opts.modelsDir, model);
    if (!fs.existsSync(path.join(dir, 'model_index.json'))) throw new ModelNotInstalledError(model);
    return dir;
  }

  private async evictFor(incoming: number): Promise<void> {
    const used = () => [...this.loaded.values()].reduce((sum, e) => sum + e.megabytes, 0);
    while (this.loaded.size > 0 && used() + incoming > this.opts.maxMegabytes) {
      const [oldest, entry] = this.loaded.entries().next().value as [string, Entry];
      this.loaded.delete(oldest);
      await entry.model.then((m) => m.release()).catch(() => {});
    }
  }
}
