/** Writes Server-Sent Events into an open response; every write after the stream closed is dropped. */
export type SseSink = {
  event(name: string | null, data: unknown): void;
  comment(text: string): void;
};

export type SseOptions = {
  /** The request's signal: a client that goes away ends the stream. */
  signal: AbortSignal;
  headers?: Record<string, string>;
  /** Proxies and load balancers close idle connections; a comment line now and then keeps it open. */
  heartbeatMs?: number;
  /** A stream never outlives this; EventSource clients reconnect and get the current state. */
  maxLifetimeMs?: number;
  /** Sent as `retry:` so that EventSource waits this long before reconnecting. */
  retryMs?: number;
};

const encoder = new TextEncoder();

// A line break inside data would end the field early; each line becomes its own `data:` line.
const frame = (name: string | null, data: unknown) => {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  const lines = text.split(/\r\n|\r|\n/).map((l) => `data: ${l}\n`).join('');
  return `${name ? `event: ${name}\n` : ''}${lines}\n`;
};

/**
 * A `text/event-stream` response driven by `run`: the stream closes when `run` settles, when the
 * client disconnects, or at the lifetime bound, and `run`'s signal aborts in the last two cases
 * so it can stop its own work (a Redis subscription, a wait).
 */
export function sseResponse(options: SseOptions, run: (sink: SseSink, signal: AbortSignal) => Promise<void>): Response {
  const { heartbeatMs = 15_000, maxLifetimeMs = 30 * 60_000, retryMs } = options;
  const stop = new AbortController();
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      closed = true;
    }
  };
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
  const lifetime = setTimeout(() => stop.abort(), maxLifetimeMs);
  const onClientGone = () => stop.abort();
  options.signal.addEventListener('abort', onClientGone, { once: true });
  const finish = () => {
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    options.signal.removeEventListener('abort', onClientGone);
    if (closed) return;
    closed = true;
    try {
      controller.close();
    } catch {
      // the reader cancelled already
    }
  };
  stop.signal.addEventListener('abort', finish, { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (retryMs !== undefined) write(`retry: ${retryMs}\n\n`);
      const sink: SseSink = { event: (name, data) => write(frame(name, data)), comment: (text) => write(`: ${text}\n\n`) };
      run(sink, stop.signal)
        .catch((err: Error) => console.error(`[sse] stream failed: ${err.stack ?? err.message}`))
        .finally(() => {
          finish();
          stop.abort();
        });
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(body, {
    headers: {
      ...options.headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx buffers proxied responses unless told not to, which would hold every event back.
      'X-Accel-Buffering': 'no',
    },
  });
}
