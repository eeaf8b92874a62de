import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { env } from '../server/env';
import { ensureDatabase, migrateDatabase } from '../server/db/migrate';
import { needsBuild } from './build-if-needed';

// `npm start`: migrate, build when the sources changed, then run web and worker side by side.
const ROOT = path.resolve(__dirname, '..');
const dev = process.argv.includes('--dev');
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
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

function run(name: string, args: string[], extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(tsx, args, { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...extraEnv } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping the other process`);
      shutdown(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
let children: ChildProcess[] = [];

function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of alive) c.kill('SIGTERM');
  let left = alive.length;
  if (left === 0) process.exit(code);
  for (const c of alive) c.on('exit', () => --left === 0 && process.exit(code));
  // The worker gives up on its running job after WORKER_SHUTDOWN_GRACE_MS; kill only once it had that long.
  setTimeout(() => {
    for (const c of alive) c.kill('SIGKILL');
    process.exit(code);
  }, env().WORKER_SHUTDOWN_GRACE_MS + KILL_MARGIN_MS).unref();
}

async function main() {
  await prepare();
  const nodeEnv = dev ? 'development' : 'production';
  children = [
    // react-server resolves the `server-only` marker (on env, the db client and Redis) to its
    // empty build outside Next's bundler; inside it, the marker keeps them out of browser bundles.
    run('web', ['--conditions=react-server', 'server/main.ts', ...(dev ? ['--dev'] : [])], { NODE_ENV: nodeEnv }),
    run('worker', ['--conditions=react-server', 'worker/main.ts'], { NODE_ENV: nodeEnv }),
  ];
  // Ctrl-C reaches the children directly (same process group); we wait for both to exit.
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
}

void main();
