import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const TSX = path.join(root, 'node_modules', '.bin', 'tsx');

export type LogLine = { at: number; text: string };

/**
 * One real worker process (`tsx worker/main.ts`, as `npm run worker` starts it), in its own
 * process group so that a kill reaches tsx and the node process it runs, as a crash of the
 * machine or container would. Its output is kept, time-stamped, for the test to read.
 */
export class WorkerProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  workerId: string | null = null;
  private readonly child: ChildProcess;
  private listeners: Array<() => void> = [];

  constructor(
    readonly name: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(TSX, ['--conditions=react-server', 'worker/main.ts'], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.record(`(exited: code ${code}, signal ${signal})`);
        resolve({ code, signal, at: Date.now() });
      });
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const text of parts) this.record(text);
      });
    }
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first line matching `pattern` (already printed or still to come). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<{ line: LogLine; match: RegExpMatchArray }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (const line of this.lines) {
          const match = line.text.match(pattern);
          if (match) {
            cleanup();
            resolve({ line, match });
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name}: no line matching ${pattern} within ${timeoutMs} ms\n${this.output()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      const listener = () => void check();
      if (!check()) this.listeners.push(listener);
    });
  }

  async ready(timeoutMs: number): Promise<string> {
    const { match } = await this.waitFor(/\[worker\] (\S+) waiting for jobs/, timeoutMs);
    this.workerId = match[1];
    return match[1];
  }

  /** Signals the whole process group (tsx and the worker it runs). */
  signal(signal: NodeJS.Signals): void {
    if (this.child.pid && this.isRunning) process.kill(-this.child.pid, signal);
  }

  /** SIGTERM, as a deployment stops a worker; SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.isRunning) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => void this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the group if it is still there; safe to call any number of times. */
  async kill(): Promise<void> {
    if (!this.child.pid) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    if (this.isRunning) await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5000))]);
  }

  output(): string {
    return this.lines.map((l) => `  [${this.name}] ${l.text}`).join('\n');
  }

  private record(text: string): void {
    this.lines.push({ at: Date.now(), text });
    for (const listener of [...this.listeners]) listener();
  }
}
