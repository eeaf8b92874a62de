import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from '../../tests/support/sse';
import { sseResponse } from './live-events-sse';

async function collect(response: Response): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(response.body!)) out.push(m);
  return out;
}

describe('sseResponse', () => {
  it('frames named events as JSON, splits multi-line data, sends retry first and closes when run ends', async () => {
    const response = sseResponse({ signal: new AbortController().signal, retryMs: 3000, headers: { RateLimit: 'x' } }, async (sink) => {
      sink.event('progress', { step: 1, steps: 4 });
      sink.event(null, 'two\nlines');
      sink.event('done', { ok: true });
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('ratelimit')).toBe('x');
    const messages = await collect(response);
    expect(messages[0].retry).toBe(3000);
    expect(messages.slice(1).map((m) => [m.event, m.data])).toEqual([
      ['progress', '{"step":1,"steps":4}'],
      [null, 'two\nlines'],
      ['done', '{"ok":true}'],
    ]);
  });

  it('sends heartbeat comments while waiting and stops run when the client goes away', async () => {
    const client = new AbortController();
    let runSawAbort = false;
    const response = sseResponse({ signal: client.signal, heartbeatMs: 5 }, (sink, signal) =>
      new Promise<void>((resolve) => signal.addEventListener('abort', () => ((runSawAbort = true), resolve()))),
    );
    const reader = readSse(response.body!);
    const first = await reader.next();
    expect(first.value?.comments).toEqual(['keep-alive']);
    client.abort();
    for await (const message of reader) expect(message.comments).toEqual(['keep-alive']);
    expect(runSawAbort).toBe(true);
  });

  it('ends at the lifetime bound', async () => {
    const response = sseResponse({ signal: new AbortController().signal, maxLifetimeMs: 20 }, (sink, signal) =>
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
    );
    expect(await collect(response)).toEqual([]);
  });
});
