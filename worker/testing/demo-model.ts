import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadModel, type LoadedModel } from '../models/load-model';

export const DEMO_MODEL_DIR = path.resolve(__dirname, '..', 'models', 'kumori-demo');

/**
 * Loads the shipped demo model once for a test file (one ORT thread, as CI's two cores share
 * the suites) and releases it after; the returned getter is valid inside tests.
 */
export function sharedDemoModel(): () => LoadedModel {
  let model: LoadedModel | undefined;
  beforeAll(async () => {
    model = await loadModel(DEMO_MODEL_DIR, { executionProvider: 'cpu', intraOpThreads: 1 });
  });
  afterAll(async () => {
    await model?.release();
  });
  return () => {
    if (!model) throw new Error('the demo model is not loaded yet: call it inside a test');
    return model;
  };
}
