import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { env } from '../server/env';
import { ensureDatabase, migrateDatabase } from '../server/db/migrate';
import { needsBuild } from './build-if-needed';
import { superviseUntilSignal, type ChildSpec } from './supervise';

// `npm start`: migrate, build when the sources changed, then run web and worker side by side,
// restarting either one that dies while the other keeps running (scripts/supervise.ts).
const ROOT = path.resolve(__dirname, '..');
const dev = process.argv.includes('--dev');
// Time for a worker that stopped its job to requeue it and close its connections.
const KILL_MARGIN_MS = 10_000;

async function prepare() {
  const url = env().DATABASE_URL;
  try {
    if (await ensureDatabase(url)) console.log(`[start] created database ${new URL(url).pathname.slice(1)}`);
    await migrateDatabase(url);
  } catch (err) {
    console.error(`[start] could not prepare the database at ${url.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message}`);
    console.error('[start] Is PostgreSQL running? See README.md, "Troubleshooting".');
    process.exit(1);
  }
  if (!dev && needsBuild()) {
    console.log('[start] building the web app (first start or sources changed)…');
    const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'next'), ['build'], { stdio: 'inherit', cwd: ROOT });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

/**
 * A TypeScript entry run by node itself with tsx as a loader (not the tsx command, which would
 * put a second process in between: killing that one would orphan the real one). react-server
 * resolves the `server-only` marker (on env, the db client and Redis) to its empty build outside
 * Next's bundler; inside it, the marker keeps them out of browser bundles.
 */
function nodeEntry(name: string, entry: string, args: string[], nodeEnv: 'development' | 'production'): ChildSpec {
  return {
    name,
    command: process.execPath,
    args: ['--conditions=react-server', '--import', 'tsx', entry, ...args],
    env: { ...process.env, NODE_ENV: nodeEnv },
    cwd: ROOT,
  };
}

async function main() {
  await prepare();
  const nodeEnv = dev ? 'development' : 'production';
  // Ctrl-C reaches the children directly too (same process group); both stop on it once.
  superviseUntilSignal(
    [nodeEntry('web', 'server/main.ts', dev ? ['--dev'] : [], nodeEnv), nodeEntry('worker', 'worker/main.ts', [], nodeEnv)],
    // The worker gives up on its running job after WORKER_SHUTDOWN_GRACE_MS; kill only once it had that long.
    { label: '[start]', stopTimeoutMs: env().WORKER_SHUTDOWN_GRACE_MS + KILL_MARGIN_MS },
  );
}

void main();
