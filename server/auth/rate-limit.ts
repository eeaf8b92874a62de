import 'server-only';
import { env } from '../env';
import { addressLimitSubject } from '../http/client-address';
import { countHit } from '../rate-limit/counter';
import { redis } from '../redis/connection';
import { redisKeys } from '../redis/keys';

/**
 * Sign-in attempts counted in fixed windows (SIGNIN_WINDOW_SECONDS) in Redis, so every web node
 * shares them. Three counters, each taken atomically and decided on its new value before the
 * password is checked, so parallel guesses cannot all read an old count and slip past together:
 *
 * - per client address (IPv6 by /64): SIGNIN_MAX_PER_ADDRESS failures, whatever emails it tries,
 *   stops one client spraying many accounts;
 * - per (email, client address): SIGNIN_MAX_ATTEMPTS failures, stops one client guessing one
 *   account, and only that client: the owner signing in from elsewhere is never refused;
 * - per email, from everywhere: no limit, only a delay before the check that grows once the
 *   failures pass SIGNIN_MAX_ATTEMPTS (SLOWDOWN_*), so guessing one account from many addresses
 *   is slowed while its owner still gets in.
 *
 * An attempt is counted as a failure when it starts; a success gives its count back (and clears
 * the pair's), as does an attempt whose password could not be checked at all.
 */
export const SLOWDOWN_BASE_MS = 250;
export const SLOWDOWN_CAP_MS = 3000;

/** Takes one back from a counter that still exists (never creating one without an expiry). */
const GIVE_BACK = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
return 0`;

const giveBack = (key: string) => redis().eval(GIVE_BACK, 1, key);

function keysFor(email: string, address: string) {
  const subject = addressLimitSubject(address);
  return {
    address: redisKeys.rateLimit('signin-address', subject),
    // An address never contains '|', so the pair cannot be read two ways.
    pair: redisKeys.rateLimit('signin-pair', `${subject}|${email}`),
    email: redisKeys.rateLimit('signin-email', email),
  };
}

/** The pause before checking a password for an email that has already failed `failures` times in the window. */
export function signInDelayMs(failures: number, threshold = env().SIGNIN_MAX_ATTEMPTS): number {
  if (failures < threshold) return 0;
  return Math.min(SLOWDOWN_CAP_MS, SLOWDOWN_BASE_MS * 2 ** Math.min(failures - threshold, 16));
}

export type SignInAttempt =
  | { allowed: false; reason: 'address' | 'pair' }
  | { allowed: true; delayMs: number; keys: ReturnType<typeof keysFor> };

/** Counts an attempt by `address` at `email` and says whether its password may be checked, and after what pause. */
export async function beginSignInAttempt(email: string, address: string): Promise<SignInAttempt> {
  const { SIGNIN_WINDOW_SECONDS: window, SIGNIN_MAX_PER_ADDRESS, SIGNIN_MAX_ATTEMPTS } = env();
  const keys = keysFor(email, address);
  const [fromAddress, forPair] = await Promise.all([countHit(keys.address, window), countHit(keys.pair, window)]);
  if (fromAddress > SIGNIN_MAX_PER_ADDRESS) return { allowed: false, reason: 'address' };
  if (forPair > SIGNIN_MAX_ATTEMPTS) return { allowed: false, reason: 'pair' };
  // Only attempts that get checked count for the email, so refused floods do not slow its owner further.
  const forEmail = await countHit(keys.email, window);
  return { allowed: true, delayMs: signInDelayMs(forEmail - 1), keys };
}

/**
 * Settles an allowed attempt: a failure stays counted; a success gives back its address and email
 * counts and clears the pair; `unchecked` (the check itself failed: database down) gives back all three.
 */
export async function endSignInAttempt(attempt: Extract<SignInAttempt, { allowed: true }>, outcome: 'success' | 'failure' | 'unchecked'): Promise<void> {
  const { keys } = attempt;
  if (outcome === 'failure') return;
  await Promise.all([
    outcome === 'success' ? redis().del(keys.pair) : giveBack(keys.pair),
    giveBack(keys.address),
    giveBack(keys.email),
  ]);
}

const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/**
 * Forgets an email's failures after its owner proved who they are (a password reset): the
 * slowdown, and every address's count for it, so the owner can sign in at once from anywhere.
 * Takes the email (a legacy `email:` prefix is accepted).
 */
export async function clearSignInFailures(email: string): Promise<void> {
  const owner = email.replace(/^email:/, '');
  const pairs = `${globEscape(redisKeys.rateLimit('signin-pair', ''))}*|${globEscape(owner)}`;
  const found: string[] = [];
  for await (const batch of redis().scanStream({ match: pairs, count: 1000 })) found.push(...(batch as string[]));
  await redis().del(keysFor(owner, 'unknown').email, ...found);
}
