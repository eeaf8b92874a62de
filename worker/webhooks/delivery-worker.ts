import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import type { Db } from '../../server/db/client';
import { attemptDelivery, type DeliveryDeps } from '../../server/webhooks/deliver';
import { WEBHOOK_BACKOFF, WEBHOOK_QUEUE, webhookJobSchema, type WebhookJob } from '../../server/webhooks/delivery-queue';
import { drainWebhookEmissions } from '../../server/webhooks/emit';
import { nextAttemptDelayMs } from '../../server/webhooks/retry-schedule';

export type WebhookDeliveryOptions = {
  db: Db;
  /** Opens a Redis connection that retries forever; the one opened here is closed on stop. */
  connect: () => IORedis;
  prefix: string;
  authSecret: string;
  allowPrivate: boolean;
  /** Deliveries in flight at once: each mostly waits on someone else's server. */
  concurrency?: number;
  lookup?: DeliveryDeps['lookup'];
};

/**
 * Consumes the webhook queue: one attempt per job run, retried by BullMQ on the Standard Webhooks
 * schedule (retry-schedule.ts, with jitter) until an attempt succeeds, the endpoint answers 410 or
 * the last attempt fails. Nothing here runs in a web request.
 */
export async function startWebhookDelivery(o: WebhookDeliveryOptions) {
  const connection = o.connect();
  const deps: DeliveryDeps = { db: o.db, authSecret: o.authSecret, allowPrivate: o.allowPrivate, lookup: o.lookup };
  const worker = new Worker<WebhookJob>(
    WEBHOOK_QUEUE,
    async (job: Job<WebhookJob>) => {
      const { deliveryId } = webhookJobSchema.parse(job.data);
      const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const outcome = await attemptDelivery(deps, deliveryId, { isLastAttempt });
      if (outcome.kind === 'retry') throw new Error(outcome.error);
      if (outcome.kind === 'final') throw new UnrecoverableError(outcome.error);
      return outcome;
    },
    {
      connection,
      prefix: o.prefix,
      concurrency: o.concurrency ?? 10,
      settings: {
        // attemptsMade counts the attempt that just failed: 1 after the first, so the next waits RETRY_DELAYS_MS[1].
        backoffStrategy: (attemptsMade: number, type?: string) => {
          if (type !== WEBHOOK_BACKOFF) throw new Error(`Unknown backoff ${type}`);
          return nextAttemptDelayMs(attemptsMade) ?? -1;
        },
      },
    },
  );
  worker.on('error', (err) => console.error(`[webhooks] ${err.message}`));
  return {
    worker,
    async stop() {
      await drainWebhookEmissions();
      await worker.close();
      await connection.quit().catch(() => {});
    },
  };
}
