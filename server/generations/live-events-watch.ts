import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { generations } from '../db/schema';
import { liveEventsHub } from './live-events-hub';
import type { LiveEvent } from './live-events';
import { getGeneration } from './read';

export type EndedStatus = 'succeeded' | 'failed' | 'cancelled' | 'blocked';

/** What a follower of one generation sees: where it is, its steps with previews, and how it ended. */
export type WatchUpdate = Exclude<LiveEvent, { type: 'ended' }> | { type: 'done'; status: EndedStatus };

const ENDED: readonly string[] = ['succeeded', 'failed', 'cancelled', 'blocked'] satisfies EndedStatus[];
const isEnded = (status: string): status is EndedStatus => ENDED.includes(status);

type Queued = LiveEvent | { type: 'recheck' };

export type WatchOptions = {
  signal: AbortSignal;
  /**
   * Redis pub/sub delivers at most once (a subscriber that reconnects misses what was sent
   * meanwhile), so Postgres is asked this often whether the generation ended unseen.
   */
  recheckMs?: number;
};

async function statusOf(userId: string, id: string): Promise<string | null> {
  const [row] = await db()
    .select({ status: generations.status })
    .from(generations)
    .where(and(eq(generations.id, id), eq(generations.userId, userId)));
  return row?.status ?? null;
}

/**
 * Follows one of the user's generations until it ends or `signal` aborts; null when the user has
 * no such generation. It subscribes first and reads the state after, so an event published in
 * between is queued rather than lost; an already finished generation yields `done` at once.
 * Progress is coalesced: a slow reader gets the newest frame, not a backlog of old ones.
 */
export async function watchGeneration(userId: string, id: string, options: WatchOptions): Promise<AsyncGenerator<WatchUpdate> | null> {
  const { signal, recheckMs = 10_000 } = options;
  const queue: Queued[] = [];
  let wake: (() => void) | null = null;
  const push = (event: Queued) => {
    if (event.type === 'progress') {
      const stale = queue.findIndex((q) => q.type === 'progress');
      if (stale >= 0) queue.splice(stale, 1);
    }
    queue.push(event);
    wake?.();
  };
  const stopListening = await liveEventsHub().listen(id, push);
  let view: Awaited<ReturnType<typeof getGeneration>>;
  try {
    view = await getGeneration(userId, id);
  } catch (err) {
    stopListening();
    throw err;
  }
  if (!view) {
    stopListening();
    return null;
  }
  const first = view;
  // Also when the generator is dropped before its first step (its finally would never run).
  signal.addEventListener('abort', stopListening, { once: true });

  return (async function* follow(): AsyncGenerator<WatchUpdate> {
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    const recheck = setInterval(() => push({ type: 'recheck' }), recheckMs);
    try {
      if (isEnded(first.status)) {
        yield { type: 'done', status: first.status };
        return;
      }
      yield { type: 'status', status: first.status === 'running' ? 'running' : 'queued' };
      if (first.status === 'running' && first.step > 0) {
        yield { type: 'progress', step: first.step, steps: first.steps, preview: first.preview };
      }
      while (!signal.aborted) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        const event = queue.shift()!;
        if (event.type === 'ended' || event.type === 'recheck') {
          const status = await statusOf(userId, id);
          if (status === null) return;
          if (isEnded(status)) {
            yield { type: 'done', status };
            return;
          }
          continue;
        }
        yield event;
      }
    } finally {
      clearInterval(recheck);
      signal.removeEventListener('abort', onAbort);
      signal.removeEventListener('abort', stopListening);
      stopListening();
    }
  })();
}
