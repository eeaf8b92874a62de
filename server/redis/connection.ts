import 'server-only';
import IORedis, { type RedisOptions } from 'ioredis';
import { env } from '../env';
import { processSingleton } from '../process-singleton';

/**
 * Workers block on Redis and must retry forever (maxRetriesPerRequest null, BullMQ's rule);
 * the web must fail fast so a request never hangs while Redis is down: a command waits for at
 * most one reconnection attempt. (Commands sent before the first connect are queued, not refused.)
 */
export function createRedis(kind: 'worker' | 'web', extra: RedisOptions = {}): IORedis {
  const base: RedisOptions =
    kind === 'worker'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, connectTimeout: 3000 };
  const client = new IORedis(env().REDIS_URL, { ...base, ...extra, lazyConnect: false });
  // ioredis reports every reconnect attempt; one line per outage is enough.
  let reported = false;
  client.on('error', (err) => {
    if (!reported) console.error(`[redis] ${err.message}`);
    reported = true;
  });
  client.on('ready', () => (reported = false));
  return client;
}

/**
 * Shared fail-fast connection for web-side reads (rate limits, progress). Auto-pipelined: the
 * commands a request issues in the same tick (a queue position's five reads, the rate limit
 * beside them) leave in one write, and under load the per-write system call is what costs.
 */
export function redis(): IORedis {
  return processSingleton('redis', () => createRedis('web', { enableAutoPipelining: true }));
}
