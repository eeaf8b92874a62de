import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

// Test layers (README "Tests"): `npm run test:unit` needs no services and runs in seconds, so it
// suits every save; the others need Postgres and Redis, the shipped models, or several processes.
const QUALITY = [
  'worker/models/demo-adherence.test.ts',
  'worker/models/everyday-adherence.test.ts',
  'worker/postprocess/demo-moderation.test.ts',
  'worker/postprocess/style-moderation.test.ts',
  'worker/engine/schedulers/golden.test.ts',
  'server/safety/nsfw/classifier.test.ts',
];
const SYSTEM = ['tests/chaos/**/*.test.ts', 'tests/queue/**/*.test.ts'];
const INTEGRATION = ['**/*.int.test.ts', 'tests/support/**/*.test.ts'];
const ALL = ['domain/**/*.test.ts', 'components/**/*.test.ts', 'server/**/*.test.ts', 'worker/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'];

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration suites each create their own database; two cores make more forks slower, not faster.
    maxWorkers: 2,
    server: { deps: { inline: ['server-only'] } },
    alias: { 'server-only': path.resolve(root, 'server/testing/server-only-stub.ts') },
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: [...QUALITY, ...SYSTEM, ...INTEGRATION, '**/node_modules/**'] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: ['**/node_modules/**'] } },
      { extends: true, test: { name: 'quality', include: QUALITY } },
      { extends: true, test: { name: 'system', include: SYSTEM } },
    ],
  },
});
