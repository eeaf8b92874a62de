import 'server-only';
import type IORedis from 'ioredis';
import { redis } from '../redis/connection';

/**
 * Counts a hit in a fixed window and returns the count including it, in one atomic step: the
 * decision is made on the incremented value, so parallel requests cannot all read the old count
 * and slip past a limit together. The window starts at the first hit.
 */
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

export async function countHit(key: string, windowSeconds: number, client: IORedis = redis()): Promise<number> {
  return Number(await client.eval(HIT, 1, key, String(Math.ceil(windowSeconds))));
}

export async function hitCount(key: string, client: IORedis = redis()): Promise<number> {
  return Number((await client.get(key)) ?? 0);
}

export async function resetHits(key: string, client: IORedis = redis()): Promise<void> {
  await client.del(key);
}
