import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    include: ['server/**/*.test.ts', 'worker/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration suites each create their own database; two cores make more forks slower, not faster.
    maxWorkers: 2,
    server: { deps: { inline: ['server-only'] } },
    alias: { 'server-only': path.resolve(root, 'server/testing/server-only-stub.ts') },
  },
});
