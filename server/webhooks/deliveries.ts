import 'server-only';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { db, type Executor } from '../db/client';
import { webhookDeliveries, webhookEndpoints, type WebhookDelivery } from '../db/webhook-schema';
import { enqueueDelivery } from './delivery-queue';
import { getWebhookEndpoint } from './manage-endpoints';

/** One line of an endpoint's delivery log. */
export type DeliverySummary = {
  id: string;
  event: string;
  state: WebhookDelivery['state'];
  attempts: number;
  statusCode: number | null;
  durationMs: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
};

const summarize = (d: WebhookDelivery): DeliverySummary => ({
  id: d.id,
  event: d.eventType,
  state: d.state,
  attempts: d.attempts,
  statusCode: d.lastStatusCode,
  durationMs: d.lastDurationMs,
  error: d.lastError,
  createdAt: d.createdAt.toISOString(),
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
});

export const DELIVERY_LOG_LIMIT = 50;

/** The endpoint's latest deliveries, newest first. */
export async function listDeliveries(userId: string, endpointId: unknown, ex: Executor = db()): Promise<Result<{ deliveries: DeliverySummary[] }>> {
  const found = await getWebhookEndpoint(userId, endpointId, ex);
  if (!found.ok) return found;
  const rows = await ex
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, found.endpoint.id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERY_LOG_LIMIT);
  return ok({ deliveries: rows.map(summarize) });
}

/**
 * Sends a finished delivery again, the same message (same `webhook-id` and body) with a fresh
 * timestamp and signature, through the queue and its retry schedule. One still pending is
 * refused, so a double click sends once; the replay counter names the job.
 */
export async function replayDelivery(userId: string, endpointId: unknown, deliveryId: unknown, ex: Executor = db()): Promise<Result<{ delivery: DeliverySummary }>> {
  const found = await getWebhookEndpoint(userId, endpointId, ex);
  if (!found.ok) return found;
  if (!found.endpoint.enabled) return fail('forbidden', 'This endpoint is disabled. Enable it first.');
  if (typeof deliveryId !== 'string') return fail('not_found', 'No such delivery.');
  const [row] = await ex
    .update(webhookDeliveries)
    .set({ state: 'pending', replays: sql`${webhookDeliveries.replays} + 1`, lastError: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, found.endpoint.id), ne(webhookDeliveries.state, 'pending')))
    .returning();
  if (!row) {
    const [exists] = await ex
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookEndpoints.id, found.endpoint.id)));
    return exists ? fail('unchanged', 'That delivery is still being sent.') : fail('not_found', 'No such delivery.');
  }
  try {
    await enqueueDelivery(row.id, `${row.id}-replay-${row.replays}`);
  } catch (err) {
    await ex.update(webhookDeliveries).set({ state: 'failed', lastError: 'Could not be queued; replay it.' }).where(eq(webhookDeliveries.id, row.id));
    console.error(`[webhooks] replay of ${row.id} could not be queued: ${(err as Error).message}`);
    return fail('queue_unavailable', 'The delivery queue is unavailable right now; try again shortly.');
  }
  return ok({ delivery: summarize(row) });
}
