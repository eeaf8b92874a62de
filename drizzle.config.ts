import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/db/schema.ts', './server/db/billing-schema.ts', './server/db/safety-schema.ts', './server/db/account-schema.ts', './server/db/api-schema.ts', './server/db/webhook-schema.ts', './server/db/style-schema.ts'],
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kumori' },
});
