import 'server-only';
import { env } from '../env';
import { redis } from '../redis/connection';

/**
 * Fixed-window counter in Redis, so every web node shares it. Keyed by email and by IP:
 * one stops guessing one account's password, the other stops spraying many accounts.
 */
export async function consumeSignInAttempt(keys: string[]): Promise<{ ok: boolean; retryAfterSeconds: number }> {
  const { SIGNIN_MAX_ATTEMPTS: max, SIGNIN_WINDOW_SECONDS: windowSeconds } = env();
  let worst = { ok: true, retryAfterSeconds: 0 };
  for (const key of keys) {
    const name = `kumori:signin:${key}`;
    const [[, count], [, ttl]] = (await redis().multi().incr(name).ttl(name).exec()) as [
      [unknown, number],
      [unknown, number],
    ];
    if (ttl < 0) await redis().expire(name, windowSeconds);
    if (count > max) worst = { ok: false, retryAfterSeconds: Math.max(ttl, 1) };
  }
  return worst;
}

export async function clearSignInAttempts(key: string): Promise<void> {
  await redis().del(`kumori:signin:${key}`);
}
