import 'server-only';
import { fail } from '../../../domain/result';
import { watchGeneration } from '../../generations/live-events-watch';
import { sseResponse } from '../../generations/live-events-sse';
import { authenticateApiRequest, requireScope } from '../authenticate';
import { apiError } from '../errors';
import { limitApiCall } from '../rate-limit';
import { describeGeneration } from './generations';

/** EventSource waits this long before reconnecting after the stream ends early. */
const RETRY_MS = 3000;

/**
 * `GET /api/v1/generations/:id/events`: the generation's live events as Server-Sent Events, for
 * clients without Socket.IO. `status` (queued, running), `progress` ({step, steps, preview} with
 * the preview as a data URL), then `done` with the generation as GET /generations/:id shows it,
 * after which the stream closes. A reconnecting client starts from the current state.
 */
export async function generationEvents(req: Request, id: string): Promise<Response> {
  const auth = await authenticateApiRequest(req);
  if (!auth.ok) return apiError(auth, { headers: { 'Cache-Control': 'no-store' } });
  const { caller } = auth;
  const limit = await limitApiCall(caller, ['request']);
  const headers = { 'Cache-Control': 'no-store', ...limit.headers };
  if (!limit.allowed) return apiError(fail('rate_limited', limit.message), { headers });
  const allowed = requireScope(caller, 'read');
  if (!allowed.ok) return apiError(allowed, { headers });

  const stopEarly = new AbortController();
  const updates = await watchGeneration(caller.user.id, id, { signal: stopEarly.signal });
  if (!updates) return apiError(fail('not_found', 'Generation not found.'), { headers });
  const origin = new URL(req.url).origin;

  return sseResponse({ signal: req.signal, headers, retryMs: RETRY_MS }, async (sink, signal) => {
    signal.addEventListener('abort', () => stopEarly.abort(), { once: true });
    for await (const update of updates) {
      if (update.type === 'done') {
        const found = await describeGeneration(caller.user.id, id, origin);
        sink.event('done', found.ok ? found.generation : { id, status: update.status });
        return;
      }
      if (update.type === 'status') sink.event('status', { id, status: update.status });
      else sink.event('progress', { id, step: update.step, steps: update.steps, preview: update.preview });
    }
  });
}
