import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `npm test`: every suite (vitest unit + integration, then Playwright in Chromium), and one
// closing line that sums them, because each runner prints its own format.
const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'test-results');
fs.mkdirSync(OUT, { recursive: true });
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

type Tally = { passed: number; failed: number };

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function vitestTally(exit: number): Tally {
  const report = readJson(path.join(OUT, 'vitest-results.json')) as { numPassedTests: number; numFailedTests: number } | null;
  if (!report) return { passed: 0, failed: exit === 0 ? 0 : 1 };
  return { passed: report.numPassedTests, failed: report.numFailedTests + (exit !== 0 && report.numFailedTests === 0 ? 1 : 0) };
}

function playwrightTally(exit: number): Tally {
  const report = readJson(path.join(OUT, 'e2e-results.json')) as { stats: { expected: number; unexpected: number; flaky: number } } | null;
  if (!report) return { passed: 0, failed: exit === 0 ? 0 : 1 };
  const { expected, unexpected, flaky } = report.stats;
  return { passed: expected + flaky, failed: unexpected + (exit !== 0 && unexpected === 0 ? 1 : 0) };
}

const only = process.argv[2];
const tallies: Tally[] = [];
if (!only || only === 'unit') {
  fs.rmSync(path.join(OUT, 'vitest-results.json'), { force: true });
  const exit = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(OUT, 'vitest-results.json')}`]);
  tallies.push(vitestTally(exit));
}
if (!only || only === 'e2e') {
  fs.rmSync(path.join(OUT, 'e2e-results.json'), { force: true });
  const exit = run(bin('playwright'), ['test']);
  tallies.push(playwrightTally(exit));
}
const passed = tallies.reduce((a, t) => a + t.passed, 0);
const failed = tallies.reduce((a, t) => a + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
