import { env } from '../server/env';
import { ensureDatabase, migrateDatabase } from '../server/db/migrate';

async function main() {
  const url = env().DATABASE_URL;
  const created = await ensureDatabase(url);
  if (created) console.log(`[migrate] created database ${new URL(url).pathname.slice(1)}`);
  await migrateDatabase(url);
  console.log('[migrate] database is up to date');
}

main().catch((err) => {
  console.error(`[migrate] failed: ${err instanceof Error ? err.message : err}`);
  if ((err as { code?: string }).code === 'ECONNREFUSED') {
    console.error('[migrate] Is PostgreSQL running? See README "Troubleshooting".');
  }
  process.exit(1);
});
