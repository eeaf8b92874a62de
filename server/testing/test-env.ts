import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createDb, setDb, type Db } from '../db/client';
import { migrateDatabase } from '../db/migrate';

const BASE = process.env.TEST_DATABASE_BASE ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * A private database, data folder and queue prefix for one test file, so suites never collide.
 * Call before anything reads env() (it is cached on first use).
 */
export async function setupTestEnv(): Promise<{ db: Db; url: string; dataDir: string; teardown: () => Promise<void> }> {
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  const name = `kumori_t_${id}`;
  const admin = postgres(`${BASE}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = `${BASE}/${name}`;
  await migrateDatabase(url);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumori-test-'));
  Object.assign(process.env, { DATABASE_URL: url, DATA_DIR: dataDir, REDIS_PREFIX: `kumori-t-${id}`, AUTH_SECRET: `test-secret-${id}-0123456789` });
  const db = createDb(url, 5);
  setDb(db);
  return {
    db,
    url,
    dataDir,
    async teardown() {
      await db.$client.end({ timeout: 2 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
