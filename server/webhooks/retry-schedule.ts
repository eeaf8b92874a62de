const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Delay before each attempt, the first immediate; after the last fails the message is given up. */
export const RETRY_DELAYS_MS = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR] as const;

/** Each delay varies by up to this fraction either way, so endpoints that failed together are not retried together. */
export const JITTER = 0.1;

/** An endpoint failing without a single success for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * DAY;

/**
 * Milliseconds to wait before the next attempt, given how many attempts were made already
 * (0 for a new message), or null when none is left.
 */
export function nextAttemptDelayMs(attemptsMade: number, random: () => number = Math.random): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) throw new RangeError(`attemptsMade must be a non-negative integer, got ${attemptsMade}`);
  const base = RETRY_DELAYS_MS[attemptsMade];
  if (base === undefined) return null;
  return Math.round(base * (1 + JITTER * (2 * random() - 1)));
}

/** `firstFailureAt`: the start of the endpoint's current run of failures, null while its last delivery succeeded. */
export function shouldDisableEndpoint(firstFailureAt: Date | null, now: Date): boolean {
  return firstFailureAt !== null && now.getTime() - firstFailureAt.getTime() >= DISABLE_AFTER_MS;
}
