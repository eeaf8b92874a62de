/**
 * Retries a database write while Postgres is unreachable (restarting, failing over, a network
 * blip), so a worker that has just finished an image does not lose it to a brief outage.
 * Only connection-class errors are retried; anything else is thrown at once.
 */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

/** Also looks through drizzle's "Failed query" wrapper, which carries the driver's error as its cause. */
export function isConnectionError(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | null, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && CONNECTION_ERRORS.has(e.code)) return true;
  }
  return false;
}

export async function withDbRetry<T>(what: string, fn: () => Promise<T>, { deadlineMs = 60_000, log = console.error } = {}): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() > until) throw err;
      const wait = Math.min(200 * 2 ** (attempt - 1), 5000);
      if (attempt === 1) log(`[db] ${what}: Postgres unreachable (${connectionCode(err)}); retrying for up to ${deadlineMs / 1000} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

function connectionCode(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code ?? 'unknown';
}
