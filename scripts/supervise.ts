import { spawn, type ChildProcess } from 'node:child_process';

/** One long-running process to keep alive. */
export type ChildSpec = { name: string; command: string; args: readonly string[]; env?: NodeJS.ProcessEnv; cwd?: string };

export type SuperviseOptions = {
  /** Delay before the first restart; it doubles with each crash in a row, up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before it died was healthy: its next restart waits initialBackoffMs again. */
  stableAfterMs?: number;
  /** How long children get to exit after the stop signal before they are killed. */
  stopTimeoutMs?: number;
  /** Prefix of every log line. */
  label?: string;
  log?: (line: string) => void;
};

const DEFAULTS = { initialBackoffMs: 1_000, maxBackoffMs: 30_000, stableAfterMs: 60_000, stopTimeoutMs: 15_000, label: '[supervise]' };

/** Delay before restarting a child that crashed `crashesInARow` times (1 for the first). */
export function restartDelay(crashesInARow: number, o: { initialBackoffMs: number; maxBackoffMs: number } = DEFAULTS): number {
  return Math.min(o.maxBackoffMs, o.initialBackoffMs * 2 ** Math.max(0, crashesInARow - 1));
}

export type Supervisor = {
  /** The running pid of a child; undefined while it is down. */
  pid(name: string): number | undefined;
  /**
   * Restarts nothing more, sends `signal` to every running child, kills what is left after
   * stopTimeoutMs, and resolves once all have exited. Calling it again returns the same promise.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

type Slot = { spec: ChildSpec; child: ChildProcess | null; exited: Promise<void>; crashes: number; restart: NodeJS.Timeout | null };

/**
 * Runs each child and keeps it running: one that dies, however it died, is logged and started
 * again after a backoff, while the others go on untouched.
 */
export function supervise(specs: readonly ChildSpec[], options: SuperviseOptions = {}): Supervisor {
  const o = { ...DEFAULTS, ...options };
  const log = o.log ?? ((line: string) => console.log(line));
  let stopping: Promise<void> | null = null;
  const slots: Slot[] = specs.map((spec) => ({ spec, child: null, exited: Promise.resolve(), crashes: 0, restart: null }));

  function start(slot: Slot) {
    const { name, command, args, env, cwd } = slot.spec;
    const startedAt = Date.now();
    const child = spawn(command, args, { stdio: 'inherit', env: env ?? process.env, cwd });
    slot.child = child;
    slot.exited = new Promise<void>((resolve) => {
      // A child that could not be spawned emits 'error' and maybe no 'exit': whichever comes first.
      const gone = (how: string) => {
        if (slot.child !== child) return;
        slot.child = null;
        resolve();
        if (!stopping) scheduleRestart(slot, how, Date.now() - startedAt);
      };
      child.once('exit', (code, signal) => gone(signal ?? `code ${code}`));
      child.once('error', (err) => gone(`error: ${err.message}`));
    });
    if (child.pid) log(`${o.label} ${name} started (pid ${child.pid})`);
  }

  function scheduleRestart(slot: Slot, how: string, ranMs: number) {
    slot.crashes = ranMs >= o.stableAfterMs ? 1 : slot.crashes + 1;
    const delay = restartDelay(slot.crashes, o);
    log(`${o.label} ${slot.spec.name} exited (${how}) after ${(ranMs / 1000).toFixed(1)} s; restarting in ${delay} ms`);
    slot.restart = setTimeout(() => {
      slot.restart = null;
      if (!stopping) start(slot);
    }, delay);
  }

  async function stopAll(signal: NodeJS.Signals) {
    for (const slot of slots) {
      if (slot.restart) clearTimeout(slot.restart);
      slot.restart = null;
      slot.child?.kill(signal);
    }
    const killer = setTimeout(() => {
      for (const slot of slots) {
        if (!slot.child) continue;
        log(`${o.label} ${slot.spec.name} did not exit within ${o.stopTimeoutMs} ms; killing it`);
        slot.child.kill('SIGKILL');
      }
    }, o.stopTimeoutMs);
    await Promise.all(slots.map((slot) => slot.exited));
    clearTimeout(killer);
  }

  for (const slot of slots) start(slot);
  return {
    pid: (name) => slots.find((s) => s.spec.name === name)?.child?.pid,
    stop: (signal = 'SIGTERM') => (stopping ??= stopAll(signal)),
  };
}

/**
 * supervise() for a command line: SIGINT (Ctrl-C) or SIGTERM stops every child with that signal
 * and exits once they are gone; a second one kills them at once.
 */
export function superviseUntilSignal(specs: readonly ChildSpec[], options: SuperviseOptions = {}): Supervisor {
  const supervisor = supervise(specs, options);
  const label = options.label ?? DEFAULTS.label;
  const log = options.log ?? ((line: string) => console.log(line));
  const names = specs.map((s) => s.name).join(' and ');
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      log(`${label} ${signal} again: killing ${names} now`);
      for (const { name } of specs) {
        const pid = supervisor.pid(name);
        try {
          if (pid) process.kill(pid, 'SIGKILL');
        } catch {
          // It exited in the meantime.
        }
      }
      return;
    }
    signalled = true;
    log(`${label} ${signal}: stopping ${names}`);
    void supervisor.stop(signal).then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return supervisor;
}
