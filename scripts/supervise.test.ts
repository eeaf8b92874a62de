import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restartDelay, type ChildSpec, type SuperviseOptions } from './supervise';

// The supervisor as `npm start` runs it, in its own process, over two tiny children: each prints
// its pid when ready and exits on SIGINT/SIGTERM (a stubborn one ignores SIGTERM).
const CHILD = `
const name = process.argv[1];
const stubborn = process.argv[2] === 'stubborn';
const stop = (signal) => { console.log('child ' + name + ' stopping on ' + signal); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stubborn ? () => console.log('child ' + name + ' ignores SIGTERM') : stop);
setInterval(() => {}, 1000);
console.log('child ' + name + ' ready pid=' + process.pid);
`;
const SUPERVISE = path.join(__dirname, 'supervise.ts');
// tsx loads the module as CommonJS: its exports arrive as the namespace's default.
const RUN = `import(${JSON.stringify(SUPERVISE)}).then((m) => (m.default ?? m).superviseUntilSignal(JSON.parse(process.argv[1]), JSON.parse(process.argv[2])));`;

const child = (name: string, ...args: string[]): ChildSpec => ({ name, command: process.execPath, args: ['-e', CHILD, name, ...args] });

let running: ChildProcess | null = null;
afterEach(() => {
  if (running?.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  running = null;
});

function startSupervisor(specs: ChildSpec[], options: SuperviseOptions) {
  const proc = spawn(process.execPath, ['--import', 'tsx', '-e', RUN, JSON.stringify(specs), JSON.stringify(options)], {
    cwd: path.join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = proc;
  const lines: string[] = [];
  let partial = '';
  const collect = (data: Buffer) => {
    const parts = (partial + data.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  };
  proc.stdout.on('data', collect);
  proc.stderr.on('data', collect);
  let ended = false;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => ((ended = true), resolve(code))));

  /** The `nth` (1-based) line matching `re`, polled for with a deadline. */
  async function line(re: RegExp, nth = 1): Promise<RegExpMatchArray> {
    for (const until = Date.now() + 20_000; ; ) {
      const found = lines.map((l) => l.match(re)).filter((m): m is RegExpMatchArray => m !== null);
      if (found.length >= nth) return found[nth - 1];
      if (ended || Date.now() > until) throw new Error(`no line ${nth} matching ${re} in:\n${lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const pidOf = async (name: string, nth = 1) => Number((await line(new RegExp(`^child ${name} ready pid=(\\d+)$`), nth))[1]);
  return { proc, lines, exited, line, pidOf };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const fast = { initialBackoffMs: 200, maxBackoffMs: 5_000, stableAfterMs: 600_000, stopTimeoutMs: 10_000, label: '[test]' };

describe('supervise', () => {
  it('restarts a child killed with SIGKILL, with a growing backoff, while the other keeps its pid; SIGINT stops both', async () => {
    const s = startSupervisor([child('web'), child('worker')], fast);
    const web = await s.pidOf('web');
    const worker1 = await s.pidOf('worker');

    process.kill(worker1, 'SIGKILL');
    expect((await s.line(/^\[test\] worker exited \(SIGKILL\) after [\d.]+ s; restarting in (\d+) ms$/))[1]).toBe('200');
    const worker2 = await s.pidOf('worker', 2);
    expect(worker2).not.toBe(worker1);
    expect(await s.line(/^\[test\] worker started \(pid (\d+)\)$/, 2)).toContain(String(worker2));

    process.kill(worker2, 'SIGKILL');
    expect((await s.line(/^\[test\] worker exited \(SIGKILL\) after [\d.]+ s; restarting in (\d+) ms$/, 2))[1]).toBe('400');
    const worker3 = await s.pidOf('worker', 3);
    expect([worker1, worker2]).not.toContain(worker3);

    expect(isAlive(web)).toBe(true);
    expect(s.lines.filter((l) => /^child web ready/.test(l))).toHaveLength(1);
    expect(s.lines.some((l) => /web exited/.test(l))).toBe(false);

    s.proc.kill('SIGINT');
    expect(await s.exited).toBe(0);
    expect(s.lines).toEqual(expect.arrayContaining(['[test] SIGINT: stopping web and worker', 'child web stopping on SIGINT', 'child worker stopping on SIGINT']));
    expect(isAlive(web) || isAlive(worker3)).toBe(false);
    expect(s.lines.filter((l) => /ready pid=/.test(l))).toHaveLength(4);
  });

  it('on SIGTERM stops both, killing one that ignores it once the stop timeout has passed', async () => {
    const s = startSupervisor([child('web'), child('worker', 'stubborn')], { ...fast, stopTimeoutMs: 1_000 });
    const web = await s.pidOf('web');
    const worker = await s.pidOf('worker');
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.lines).toEqual(
      expect.arrayContaining(['child web stopping on SIGTERM', 'child worker ignores SIGTERM', '[test] worker did not exit within 1000 ms; killing it']),
    );
    expect(isAlive(web) || isAlive(worker)).toBe(false);
    expect(s.lines.some((l) => /restarting/.test(l))).toBe(false);
  });
});

describe('restartDelay', () => {
  it('doubles with each crash in a row up to the cap', () => {
    const o = { initialBackoffMs: 1_000, maxBackoffMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelay(n, o))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
