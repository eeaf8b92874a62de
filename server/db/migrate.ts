import path from 'node:path';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';

const MIGRATIONS = path.resolve(__dirname, '../../drizzle');
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK = 7_240_117;

/** Creates the database named in `url` when it does not exist yet (connects to `postgres` to do it). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length > 0) return false;
    try {
      await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42P04') throw err; // created concurrently
    }
    return true;
  } finally {
    await sql.end();
  }
}

/** Applies drizzle/ migrations; an advisory lock keeps concurrent starters from racing. */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const lock = await sql.reserve();
    try {
      await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS });
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    } finally {
      lock.release();
    }
  } finally {
    await sql.end();
  }
}
