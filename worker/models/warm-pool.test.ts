import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelNotInstalledError, WarmPool, modelMegabytes } from './warm-pool';

const shipped = path.resolve(__dirname, 'tiny-sd');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumori-pool-'));
  for (const name of ['one', 'two']) fs.cpSync(shipped, path.join(dir, name), { recursive: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('WarmPool', () => {
  it('keeps a model warm and hands back the same instance', async () => {
    const pool = new WarmPool({ modelsDir: dir, executionProvider: 'cpu', maxMegabytes: 100 });
    const a = await pool.get('one');
    expect(await pool.get('one')).toBe(a);
    expect(pool.warmModels()).toEqual(['one']);
    await pool.releaseAll();
  });

  it('evicts the least recently used model when the next one would pass the budget', async () => {
    const size = modelMegabytes(path.join(dir, 'one'));
    expect(size).toBeGreaterThan(0);
    const pool = new WarmPool({ modelsDir: dir, executionProvider: 'cpu', maxMegabytes: size * 1.5 });
    await pool.get('one');
    await pool.get('two');
    expect(pool.warmModels()).toEqual(['two']);
    const roomy = new WarmPool({ modelsDir: dir, executionProvider: 'cpu', maxMegabytes: size * 2.5 });
    await roomy.get('one');
    await roomy.get('two');
    await roomy.get('one'); // touch: 'two' becomes the least recently used
    expect(roomy.warmModels()).toEqual(['two', 'one']);
    await Promise.all([pool.releaseAll(), roomy.releaseAll()]);
  });

  it('refuses models that are not installed and names that leave the models folder', async () => {
    const pool = new WarmPool({ modelsDir: dir, executionProvider: 'cpu', maxMegabytes: 100 });
    for (const name of ['missing', '../one', '.hidden', 'one/../two']) {
      await expect(pool.get(name)).rejects.toBeInstanceOf(ModelNotInstalledError);
    }
  });
});
