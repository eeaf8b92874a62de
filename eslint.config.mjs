import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { importLayers } from './scripts/lint/import-layers.mjs';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'drizzle/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Which folder may import which: README "Architecture". Tests may reach across layers to set up.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs'],
    ignores: ['**/*.test.ts', '**/*.int.test.ts', '**/*.spec.ts'],
    plugins: { kumori: importLayers },
    rules: { 'kumori/import-layers': 'error' },
  },
];

export default config;
