import 'server-only';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { z } from 'zod';
import { env } from '../env';
import { createRedis } from '../redis/connection';
import { processSingleton, replaceProcessSingleton } from '../process-singleton';
import { RETRY_DELAYS_MS } from './retry-schedule';

/** Outgoing webhook deliveries: enqueued by web and worker alike, consumed by workers (worker/webhooks/). */
export const WEBHOOK_QUEUE = 'webhooks';
/** The backoff type whose delays the consumer computes from retry-schedule.ts. */
export const WEBHOOK_BACKOFF = 'webhook-schedule';

/** A pointer: Postgres holds the message, so a retry sends the very bytes the log shows. */
export const webhookJobSchema = z.object({ deliveryId: z.string().min(1) });
export type WebhookJob = z.infer<typeof webhookJobSchema>;

function webhookQueue(): { queue: Queue<WebhookJob>; connection: IORedis } {
  return processSingleton('webhook-queue', () => {
    const connection = createRedis('web');
    const queue = new Queue<WebhookJob>(WEBHOOK_QUEUE, { connection, prefix: env().REDIS_PREFIX });
    queue.on('error', () => {}); // the connection reports outages once
    return { queue, connection };
  });
}

/**
 * One job per delivery; `jobId` makes enqueueing the same delivery twice add one job. Attempts
 * follow the Standard Webhooks schedule: the first now, then each delay of RETRY_DELAYS_MS.
 */
export async function enqueueDelivery(deliveryId: string, jobId: string = deliveryId): Promise<void> {
  await webhookQueue().queue.add('deliver', { deliveryId }, {
    jobId,
    attempts: RETRY_DELAYS_MS.length,
    backoff: { type: WEBHOOK_BACKOFF },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}

/** Tests: empties and closes this process's queue and its connection. */
export async function closeWebhookQueue(options: { obliterate?: boolean } = {}): Promise<void> {
  const { queue, connection } = webhookQueue();
  if (options.obliterate) await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await connection.quit().catch(() => {});
  replaceProcessSingleton('webhook-queue', undefined);
}
