import fs from 'node:fs';
import path from 'node:path';
import { loadModel, type LoadedModel } from './load-model';

export class ModelNotInstalledError extends Error {
  constructor(readonly model: string) {
    super(`Model "${model}" is not installed on this worker.`);
  }
}

type Options = { modelsDir: string; executionProvider: 'cpu' | 'cuda'; intraOpThreads?: number; maxModels?: number };

/** Keeps loaded models warm between jobs; the least recently used one is released past maxModels. */
export class WarmPool {
  private readonly loaded = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly opts: Options) {}

  async get(model: string): Promise<LoadedModel> {
    const existing = this.loaded.get(model);
    if (existing) {
      this.loaded.delete(model);
      this.loaded.set(model, existing); // most recently used goes last
      return existing;
    }
    const dir = this.resolve(model);
    const loading = loadModel(dir, { executionProvider: this.opts.executionProvider, intraOpThreads: this.opts.intraOpThreads });
    this.loaded.set(model, loading);
    loading.catch(() => this.loaded.delete(model));
    await this.evict();
    return loading;
  }

  warmModels(): string[] {
    return [...this.loaded.keys()];
  }

  async releaseAll(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    await Promise.allSettled(all.map(async (m) => (await m).release()));
  }

  private resolve(model: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(model) || model.startsWith('.')) throw new ModelNotInstalledError(model);
    const dir = path.join(this.opts.modelsDir, model);
    if (!fs.existsSync(path.join(dir, 'model_index.json'))) throw new ModelNotInstalledError(model);
    return dir;
  }

  private async evict(): Promise<void> {
    const max = this.opts.maxModels ?? 2;
    while (this.loaded.size > max) {
      const [oldest, model] = this.loaded.entries().next().value as [string, Promise<LoadedModel>];
      this.loaded.delete(oldest);
      await model.then((m) => m.release()).catch(() => {});
    }
  }
}
