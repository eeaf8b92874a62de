import 'server-only';
import { env } from '../env';
import { redis } from '../redis/connection';
import { redisKeys } from '../redis/keys';

/**
 * Failed sign-ins counted in fixed windows in Redis, so every web node shares them. Per email it
 * stops guessing one account's password; per IP (with a larger allowance, since many people can
 * share an address) it stops spraying many accounts.
 */
const IP_ALLOWANCE_FACTOR = 10;

const keyOf = redisKeys.signinFailures;

function allowance(key: string): number {
  const max = env().SIGNIN_MAX_ATTEMPTS;
  return key.startsWith('ip:') ? max * IP_ALLOWANCE_FACTOR : max;
}

/** Whether another attempt is allowed now; checked before the password is. */
export async function isSignInBlocked(keys: string[]): Promise<boolean> {
  const counts = await redis().mget(keys.map(keyOf));
  return counts.some((c, i) => Number(c ?? 0) >= allowance(keys[i]));
}

export async function recordSignInFailure(keys: string[]): Promise<void> {
  const window = env().SIGNIN_WINDOW_SECONDS;
  const tx = redis().multi();
  // NX keeps the window fixed from the first failure instead of sliding with each one.
  for (const k of keys) tx.incr(keyOf(k)).expire(keyOf(k), window, 'NX');
  await tx.exec();
}

export async function clearSignInFailures(key: string): Promise<void> {
  await redis().del(keyOf(key));
}
