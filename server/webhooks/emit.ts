import 'server-only';
import { and, arrayContains, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { webhookDeliveries, webhookEndpoints } from '../db/webhook-schema';
import { enqueueDelivery } from './delivery-queue';
import { webhookBody, type WebhookEvent, type WebhookEventType } from './events';
import { newMessageId } from './message-id';

/**
 * Records one delivery per endpoint and enqueues them; returns the delivery ids. A delivery that
 * could not be queued (Redis down) is marked failed at once, so the log says so and Replay works.
 */
export async function createDeliveries(ex: Executor, endpointIds: string[], type: WebhookEvent['type'], data: Record<string, unknown>): Promise<string[]> {
  if (endpointIds.length === 0) return [];
  const at = new Date();
  const rows = endpointIds.map((endpointId) => ({ id: newMessageId(), endpointId, eventType: type, payload: webhookBody(type, data, at) }));
  await ex.insert(webhookDeliveries).values(rows);
  await Promise.all(
    rows.map((row) =>
      enqueueDelivery(row.id).catch(async (err: Error) => {
        console.error(`[webhooks] delivery ${row.id} could not be queued: ${err.message}`);
        await ex.update(webhookDeliveries).set({ state: 'failed', lastError: 'Could not be queued; replay it.' }).where(eq(webhookDeliveries.id, row.id));
      }),
    ),
  );
  return rows.map((r) => r.id);
}

const inFlight = new Set<Promise<void>>();

/**
 * Tells the user's enabled endpoints subscribed to `type` that it happened. Call it after the
 * change has committed. It never throws and is not awaited by callers: a webhook must never fail
 * or slow the operation it reports. Only the database write and the enqueue happen here; the
 * HTTP request runs in a worker.
 */
export function emitWebhookEvent(ex: Executor, userId: string, type: WebhookEventType, data: () => Promise<Record<string, unknown>> | Record<string, unknown>): void {
  const work = (async () => {
    const endpoints = await ex
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.userId, userId), eq(webhookEndpoints.enabled, true), arrayContains(webhookEndpoints.events, [type])));
    if (endpoints.length === 0) return;
    await createDeliveries(ex, endpoints.map((e) => e.id), type, await data());
  })().catch((err: Error) => console.error(`[webhooks] ${type} for user ${userId} was not recorded: ${err.message}`));
  trackEmission(work);
}

/** Keeps an emission's promise until it settles, for drainWebhookEmissions. It must not reject. */
export function trackEmission(work: Promise<void>): void {
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
}

/** Waits for emissions still writing (a worker stopping, a test's end). */
export async function drainWebhookEmissions(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}
