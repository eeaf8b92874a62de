import 'server-only';
import { createHash } from 'node:crypto';
import type IORedis from 'ioredis';
import { redis } from '../redis/connection';

/**
 * A token bucket as GCRA (the generic cell rate algorithm): each bucket is one Redis key holding
 * its "theoretical arrival time", the moment it would be full again. A request costs one
 * `interval` (window / limit); it passes while that time stays within one window of now, so a
 * full bucket allows `limit` at once and then refills steadily, without the double burst a fixed
 * window allows at its edge.
 *
 * All buckets of a request are checked and taken in one script: either every one has room and
 * every one is charged, or none is (a refused call never drains the key's bucket because the
 * user's was empty). Redis's clock decides, so every web node shares one time.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tats = {}
local allowed = 1
for i = 1, #KEYS do
  local window = tonumber(ARGV[2 * i])
  local interval = window / tonumber(ARGV[2 * i - 1])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  tats[i] = tat
  if tat + interval - window > now then allowed = 0 end
end
if allowed == 1 then
  for i = 1, #KEYS do
    local window = tonumber(ARGV[2 * i])
    local interval = window / tonumber(ARGV[2 * i - 1])
    tats[i] = tats[i] + interval
    redis.call('SET', KEYS[i], tostring(tats[i]), 'PX', math.ceil(tats[i] - now))
  end
end
local out = { tostring(allowed), tostring(now) }
for i = 1, #KEYS do out[#out + 1] = tostring(tats[i]) end
return out`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

/**
 * By its hash, as Redis caches scripts: every API call runs this one, and sending its text each
 * time costs bytes and a hash on both sides. A server that lost its script cache (restart,
 * SCRIPT FLUSH) answers NOSCRIPT once, and the text goes again.
 */
async function runScript(client: IORedis, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalsha(SCRIPT_SHA, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return client.eval(SCRIPT, keys.length, ...keys, ...args);
  }
}

export type Bucket = { key: string; limit: number; windowSeconds: number };

export type BucketState = {
  /** Requests that would pass right now. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until one more request would pass (0 while `remaining` > 0). */
  retryAfterSeconds: number;
};

export type TakeResult = { allowed: boolean; states: BucketState[] };

export async function takeTokens(buckets: readonly Bucket[], client: IORedis = redis()): Promise<TakeResult> {
  const args = buckets.flatMap((b) => [String(b.limit), String(b.windowSeconds * 1000)]);
  const raw = (await runScript(client, buckets.map((b) => b.key), args)) as string[];
  const now = Number(raw[1]);
  const states = buckets.map((b, i) => stateOf(b, Number(raw[2 + i]) - now));
  return { allowed: raw[0] === '1', states };
}

/** Pure, from how far ahead of now the bucket's full-again time is (ms). */
export function stateOf(bucket: Pick<Bucket, 'limit' | 'windowSeconds'>, aheadMs: number): BucketState {
  const window = bucket.windowSeconds * 1000;
  const interval = window / bucket.limit;
  // The float division can leave 0.9999…; a hair of slack keeps a whole token whole.
  const remaining = Math.max(0, Math.floor((window - aheadMs) / interval + 1e-9));
  const retryMs = Math.max(0, aheadMs + interval - window);
  return { remaining, resetSeconds: aheadMs / 1000, retryAfterSeconds: retryMs / 1000 };
}
