import 'server-only';
import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as coreSchema from './schema';
import * as billingSchema from './billing-schema';
import * as safetySchema from './safety-schema';
import * as accountSchema from './account-schema';
import * as apiSchema from './api-schema';

const schema = { ...coreSchema, ...billingSchema, ...safetySchema, ...accountSchema, ...apiSchema };
import { env } from '../env';
import { processSingleton, replaceProcessSingleton } from '../process-singleton';

export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export function createDb(url: string, max = 10): Db {
  const client = postgres(url, { max, onnotice: () => {} });
  return drizzle(client, { schema }) as Db;
}

export function db(): Db {
  return processSingleton('db', () => createDb(env().DATABASE_URL));
}

/** Tests and scripts point the process at another database before first use. */
export function setDb(instance: Db): void {
  replaceProcessSingleton('db', instance);
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Functions that must run inside a caller's transaction take this. */
export type Executor = Db | Tx;
