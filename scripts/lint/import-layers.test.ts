import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Proves `npm run lint` fails on a new file that breaks an import rule: probe files are written
// into a temporary copy of the project's lint setup (config, rule, node_modules linked), and the
// real eslint CLI lints them there.
const ROOT = path.resolve(__dirname, '../..');

type Probe = { file: string; code: string; rule: string | null };
const probes: Probe[] = [
  { file: 'domain/probe.ts', code: "import { db } from '../server/db/client';\nexport const x = db;\n", rule: 'domain-is-pure' },
  { file: 'domain/probe-pkg.ts', code: "import { sql } from 'drizzle-orm';\nexport const x = sql;\n", rule: 'domain-is-pure' },
  { file: 'worker/engine/deep/probe.ts', code: "import { env } from '../../../server/env';\nexport const x = env;\n", rule: 'engine-is-pure' },
  { file: 'worker/engine/probe.ts', code: "import { loadModel } from '../models/load-model';\nexport const x = loadModel;\n", rule: 'engine-is-pure' },
  { file: 'server/area/probe.ts', code: "import { main } from '@/worker/main';\nexport const x = main;\n", rule: 'server-below-processes' },
  { file: 'server/probe-app.ts', code: "import page from '../app/page';\nexport const x = page;\n", rule: 'server-below-processes' },
  { file: 'worker/probe.ts', code: "import { Alert } from '../components/ui/Alert';\nexport const x = Alert;\n", rule: 'worker-no-web' },
  { file: 'app/x/page.tsx', code: "import { db } from '@/server/db/client';\nexport default function P() { return String(db); }\n", rule: 'routes-call-use-cases' },
  { file: 'app/x/route.ts', code: "import { Queue } from 'bullmq';\nexport const x = Queue;\n", rule: 'routes-call-use-cases' },
  { file: 'components/Probe.tsx', code: "import { env } from '@/server/env';\nexport const x = env;\n", rule: 'components-browser-safe' },
  { file: 'app/x/Client.tsx', code: "'use client';\nimport { env } from '../../server/env';\nexport const x = env;\n", rule: 'client-browser-safe' },
  // Allowed: type-only imports, domain/ from anywhere, engine to engine, server/ use cases from routes.
  { file: 'components/Allowed.tsx', code: "import type { SessionUser } from '@/server/auth/users';\nimport { SAMPLERS } from '@/domain/samplers';\nexport const x: SessionUser | null = SAMPLERS ? null : null;\n", rule: null },
  { file: 'worker/engine/Allowed.ts', code: "import { SAMPLERS } from '../../domain/samplers';\nimport { noise } from './noise';\nexport const x = [SAMPLERS, noise];\n", rule: null },
  { file: 'app/y/page.tsx', code: "import { listAudit } from '@/server/audit/audit';\nexport default function P() { return String(listAudit); }\n", rule: null },
];

let dir: string;
let results: Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string }> }>;
let exitCode: number | null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumori-lint-'));
  fs.copyFileSync(path.join(ROOT, 'eslint.config.mjs'), path.join(dir, 'eslint.config.mjs'));
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  fs.mkdirSync(path.join(dir, 'scripts/lint'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'scripts/lint/import-layers.mjs'), path.join(dir, 'scripts/lint/import-layers.mjs'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const p of probes) {
    fs.mkdirSync(path.dirname(path.join(dir, p.file)), { recursive: true });
    fs.writeFileSync(path.join(dir, p.file), p.code);
  }
  const eslint = path.join(ROOT, 'node_modules', '.bin', 'eslint');
  const run = spawnSync(eslint, ['--format', 'json', ...probes.map((p) => p.file)], { cwd: dir, encoding: 'utf8' });
  exitCode = run.status;
  results = JSON.parse(run.stdout);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run lint enforces the import rules', () => {
  it('exits non-zero when a file breaks one', () => {
    expect(exitCode).toBe(1);
  });

  it.each(probes)('$file: $rule', ({ file, rule }) => {
    const result = results.find((r) => r.filePath === path.join(dir, file));
    expect(result).toBeDefined();
    const layerErrors = result!.messages.filter((m) => m.ruleId === 'kumori/import-layers');
    if (rule === null) {
      expect(layerErrors).toEqual([]);
    } else {
      expect(layerErrors).toHaveLength(1);
      // The message names the rule and the folder it protects.
      expect(layerErrors[0].message).toContain(`${rule}:`);
      expect(layerErrors[0].message).toMatch(new RegExp(`${file.split('/')[0]}/|'use client'`));
    }
  });
});
