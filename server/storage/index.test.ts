import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const SECRET = 'index-test-secret-0123456789';
let dir: string;
const saved = { ...process.env };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kumori-storage-index-'));
  vi.resetModules(); // env() and storageFromEnv() memoise per module instance
  process.env.DATA_DIR = dir;
  process.env.AUTH_SECRET = SECRET;
});

afterEach(async () => {
  process.env = { ...saved };
  await rm(dir, { recursive: true, force: true });
});

describe('storageFromEnv', () => {
  it('defaults to one local driver under DATA_DIR/storage, signing with AUTH_SECRET', async () => {
    delete process.env.STORAGE_DRIVER;
    const { storageFromEnv, localStorageFromEnv, LocalStorageDriver, verifySignedFileUrl } = await import('./index');
    const storage = storageFromEnv();
    expect(storage).toBeInstanceOf(LocalStorageDriver);
    expect((storage as InstanceType<typeof LocalStorageDriver>).root).toBe(path.join(dir, 'storage'));
    expect(storageFromEnv()).toBe(storage);
    expect(localStorageFromEnv()).toBe(storage);

    const url = new URL(await storage.url('images/u1/g1/0.png'), 'http://localhost');
    const key = url.pathname.slice('/api/files/'.length);
    const p = url.searchParams;
    expect(verifySignedFileUrl(key, p.get('exp'), p.get('sig'), p.get('dl'), SECRET).ok).toBe(true);
  });

  it('builds the S3 driver when STORAGE_DRIVER=s3', async () => {
    Object.assign(process.env, {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_BUCKET: 'from-env',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      SIGNED_URL_TTL_SECONDS: '600',
    });
    const { storageFromEnv, localStorageFromEnv, S3StorageDriver } = await import('./index');
    const storage = storageFromEnv();
    expect(storage).toBeInstanceOf(S3StorageDriver);
    expect(localStorageFromEnv()).toBeNull();

    const url = new URL(await storage.url('images/u1/g1/0.png'));
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:9/from-env/images/u1/g1/0.png');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(600 + 300)); // the TTL plus one URL window
  });
});
