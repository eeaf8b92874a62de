/**
 * Signed links are made in 5-minute windows: within one window the same object gets the same
 * URL, so browsers reuse cached images instead of downloading them again on every refetch.
 * A link is valid for at least the requested lifetime and at most one window longer.
 */
export const URL_WINDOW_SECONDS = 300;

export function windowStart(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000 / URL_WINDOW_SECONDS) * URL_WINDOW_SECONDS;
}

/** Expiry (unix seconds) for a link asked to live `ttl` seconds: the end of a window. */
export function windowedExpiry(ttl: number, nowMs: number = Date.now()): number {
  return windowStart(nowMs) + URL_WINDOW_SECONDS + ttl;
}
