import type IORedis from 'ioredis';
import { redisKeys } from '../../server/redis/keys';
import { TIER_WEIGHTS, type Tier } from '../../domain/plans';

/**
 * Stride scheduling shared by every worker through one Redis hash: each tier has a "pass" that
 * grows by 1/weight whenever it is served, and the non-empty tier with the smallest pass goes
 * next. While all tiers have work, starts follow the weights 10:5:1 exactly; a tier that was
 * idle re-enters at the current virtual time instead of cashing in its idle time. The script
 * runs atomically, so any number of workers on any number of hosts share one fair order.
 */
const SCRIPT = `
local vt = tonumber(redis.call('HGET', KEYS[1], 'vt') or '0')
local best, bestPass, bestWeight = nil, nil, nil
for i = 1, #ARGV, 2 do
  local pass = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if pass < vt then pass = vt end
  if bestPass == nil or pass < bestPass then
    best, bestPass, bestWeight = ARGV[i], pass, tonumber(ARGV[i + 1])
  end
end
if best == nil then return false end
redis.call('HSET', KEYS[1], best, tostring(bestPass + 1 / bestWeight), 'vt', tostring(bestPass))
return best
`;

/** Picks which of the non-empty tiers to serve next (in tier order on ties), or null if none. */
export async function pickTier(client: IORedis, prefix: string, nonEmpty: readonly Tier[]): Promise<Tier | null> {
  if (nonEmpty.length === 0) return null;
  const args = nonEmpty.flatMap((t) => [t, String(TIER_WEIGHTS[t])]);
  const picked = (await client.eval(SCRIPT, 1, redisKeys.tierStrides(prefix), ...args)) as Tier | null;
  return picked ?? null;
}
