/**
 * Header values for draft-ietf-httpapi-ratelimit-headers (the structured-field versions, draft 08
 * onward): `RateLimit-Policy: "requests";q=60;w=60` says what the limit is, `RateLimit:
 * "requests";r=12;t=30` how much of it is left and when it resets. Several policies (per key, per
 * user, generations) go in one header as a comma-separated list. Pure, so routes and tests share it.
 */
export type RateLimitPolicy = {
  /** Policy name, sent as a structured-field string (printable ASCII). */
  name: string;
  limit: number;
  windowSeconds: number;
};

export type RateLimitState = RateLimitPolicy & {
  remaining: number;
  resetSeconds: number;
};

// sf-integer is non-negative here and at most 15 digits; fractions would make the field invalid.
function sfInteger(n: number, round: (x: number) => number = Math.floor): string {
  if (!Number.isFinite(n)) throw new Error(`rate-limit header value must be finite, got ${n}`);
  return String(Math.min(999_999_999_999_999, Math.max(0, round(n))));
}

function sfString(s: string): string {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new Error(`rate-limit policy name must be printable ASCII: ${JSON.stringify(s)}`);
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function rateLimitPolicyHeader(policies: RateLimitPolicy | RateLimitPolicy[]): string {
  return [policies]
    .flat()
    .map((p) => `${sfString(p.name)};q=${sfInteger(p.limit)};w=${sfInteger(p.windowSeconds, Math.ceil)}`)
    .join(', ');
}

// The reset rounds up: a client that waits `t` seconds must find the window reset, not a moment short.
export function rateLimitHeader(states: RateLimitState | RateLimitState[]): string {
  return [states]
    .flat()
    .map((s) => `${sfString(s.name)};r=${sfInteger(s.remaining)};t=${sfInteger(s.resetSeconds, Math.ceil)}`)
    .join(', ');
}

/** Retry-After in delay-seconds, rounded up so a client retrying on time is not refused again. */
export function retryAfterHeader(seconds: number): string {
  return sfInteger(seconds, Math.ceil);
}

/**
 * Both headers for every API response; with `Retry-After` too when a policy is exhausted, set to
 * the longest wait among the exhausted ones since the request needs all of them to pass.
 */
export function rateLimitHeaders(states: RateLimitState | RateLimitState[]): Record<string, string> {
  const list = [states].flat();
  const headers: Record<string, string> = {
    'RateLimit-Policy': rateLimitPolicyHeader(list),
    RateLimit: rateLimitHeader(list),
  };
  const exhausted = list.filter((s) => s.remaining <= 0);
  if (exhausted.length > 0) headers['Retry-After'] = retryAfterHeader(Math.max(...exhausted.map((s) => s.resetSeconds)));
  return headers;
}
