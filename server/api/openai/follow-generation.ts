import 'server-only';
import { watchGeneration, type EndedStatus } from '../../generations/live-events-watch';

/**
 * How long a request waits for its images before answering that they are still on their way: a
 * little under the SDK's default 10-minute timeout, so the client gets an answer it can act on
 * (a 503, which it retries, and the retry attaches to the same generation) rather than a timeout.
 */
export const IMAGES_WAIT_MS = 9 * 60_000;

type Progress = { step: number; steps: number; preview: string | null };

/** Waits for the generation to end, passing its live steps to `onProgress`; bounded by `timeoutMs` and `signal`. */
export async function followGeneration(
  userId: string,
  id: string,
  o: { signal: AbortSignal; timeoutMs?: number; onProgress?: (p: Progress) => Promise<void> | void },
): Promise<EndedStatus | 'timeout' | 'not_found'> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), o.timeoutMs ?? IMAGES_WAIT_MS);
  const onAbort = () => stop.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const updates = await watchGeneration(userId, id, { signal: stop.signal });
    if (!updates) return 'not_found';
    for await (const update of updates) {
      if (update.type === 'done') return update.status;
      if (update.type === 'progress') await o.onProgress?.(update);
    }
    return 'timeout';
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onAbort);
  }
}
