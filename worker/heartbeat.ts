import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../server/db/client';
import { workers } from '../server/db/schema';

export const HEARTBEAT_MS = 10_000;
export const DEAD_AFTER_SECONDS = 120;

export type WorkerState = { currentJob: string | null; stepsPerSecond: number | null; installedModels: string[]; warmModels: string[] };

/** Registers the worker and refreshes its row; a row older than a few intervals means a dead worker. */
export function startHeartbeat(db: Db, id: string, executionProvider: string, state: () => WorkerState) {
  const beat = async () => {
    const s = state();
    await db
      .insert(workers)
      .values({ id, host: os.hostname(), executionProvider, ...s })
      .onConflictDoUpdate({ target: workers.id, set: { heartbeatAt: sql`now()`, ...s } });
    // A worker that died without unregistering disappears once its heartbeat is this old.
    await db.delete(workers).where(sql`${workers.heartbeatAt} < now() - make_interval(secs => ${DEAD_AFTER_SECONDS})`);
  };
  // Beats run one after another: a slow beat overlapped by the next (or by an explicit beat())
  // could otherwise land its upsert after a later one and undo it.
  let last: Promise<void> = Promise.resolve();
  const tick = (): Promise<void> =>
    (last = last.then(beat).catch((err) => console.error(`[worker] heartbeat failed: ${(err as Error).message}`)));
  void tick();
  const timer = setInterval(tick, HEARTBEAT_MS);
  return {
    beat: tick,
    async stop() {
      clearInterval(timer);
      await last; // a beat still in flight would register the worker again after the delete
      await db.delete(workers).where(eq(workers.id, id)).catch(() => {});
    },
  };
}
