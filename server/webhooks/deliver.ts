import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { webhookDeliveries, webhookEndpoints, type WebhookEndpoint } from '../db/webhook-schema';
import { disableEndpoint } from './disable-endpoint';
import { postWebhook, type PostResult } from './http-post';
import { shouldDisableEndpoint } from './retry-schedule';
import { openSecret } from './secret-box';
import { signWebhook, type WebhookSecrets } from './sign';
import { checkDeliveryTarget, type Lookup } from './ssrf-guard';

export type DeliveryDeps = {
  db: Executor;
  authSecret: string;
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  lookup?: Lookup;
  timeoutMs?: number;
  now?: () => Date;
};

/** What the queue should do next: nothing, or try again on the schedule. */
export type AttemptOutcome = { kind: 'succeeded' } | { kind: 'retry'; error: string } | { kind: 'final'; error: string };

export function secretsOf(endpoint: WebhookEndpoint, authSecret: string): WebhookSecrets {
  const current = openSecret(endpoint.secretSealed, authSecret);
  if (!endpoint.previousSecretSealed || !endpoint.previousSecretRotatedAt) return { current };
  return { current, previous: { secret: openSecret(endpoint.previousSecretSealed, authSecret), rotatedAt: endpoint.previousSecretRotatedAt } };
}

const describe = (r: PostResult) => ('status' in r ? `HTTP ${r.status}` : r.error);

/**
 * One attempt at one delivery, per the Standard Webhooks rules: 2xx is success; 410 disables the
 * endpoint; anything else (another status, a redirect, a timeout, a refused connection) is retried
 * on the schedule unless this was the last attempt. The target is checked against the SSRF guard
 * after DNS on every attempt. The log row and the endpoint's failure run are updated each time;
 * an endpoint failing for five days is disabled and its owner mailed.
 */
export async function attemptDelivery(deps: DeliveryDeps, deliveryId: string, options: { isLastAttempt: boolean }): Promise<AttemptOutcome> {
  const now = deps.now?.() ?? new Date();
  const [found] = await deps.db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!found) return { kind: 'final', error: 'The delivery or its endpoint was deleted.' };
  const { delivery, endpoint } = found;
  const record = (set: Partial<typeof webhookDeliveries.$inferInsert>) =>
    deps.db
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now, ...set })
      .where(eq(webhookDeliveries.id, deliveryId));

  if (!endpoint.enabled) {
    const error = 'Not sent: the endpoint is disabled.';
    await deps.db.update(webhookDeliveries).set({ state: 'failed', lastError: error }).where(eq(webhookDeliveries.id, deliveryId));
    return { kind: 'final', error };
  }

  const target = await checkDeliveryTarget(endpoint.url, { allowPrivate: deps.allowPrivate, lookup: deps.lookup });
  let result: PostResult;
  if (!target.ok) {
    // A URL that leads into a private network is refused outright; a name that does not resolve is the endpoint's failure.
    if (target.error.code !== 'unavailable') {
      await record({ state: 'failed', lastStatusCode: null, lastDurationMs: null, lastError: target.error.message });
      return { kind: 'final', error: target.error.message };
    }
    result = { error: target.error.message, durationMs: 0 };
  } else {
    const headers = signWebhook({ id: delivery.id, timestamp: now, body: delivery.payload, secrets: secretsOf(endpoint, deps.authSecret) });
    result = await postWebhook(endpoint.url, target, headers, delivery.payload, deps.timeoutMs);
  }

  const status = 'status' in result ? result.status : null;
  const isSuccess = status !== null && status >= 200 && status < 300;
  const isGone = status === 410;
  const error = isSuccess ? null : describe(result);
  const isFinal = isSuccess || isGone || options.isLastAttempt;
  await record({
    state: isSuccess ? 'succeeded' : isFinal ? 'failed' : 'pending',
    lastStatusCode: status,
    lastDurationMs: result.durationMs,
    lastError: error,
  });

  if (isSuccess) {
    await deps.db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
    return { kind: 'succeeded' };
  }
  if (isGone) {
    await disableEndpoint(deps.db, endpoint.id, 'It answered 410 Gone, which asks senders to stop.');
    return { kind: 'final', error: error! };
  }
  const [run] = await deps.db
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning({ failingSince: webhookEndpoints.failingSince });
  if (shouldDisableEndpoint(run?.failingSince ?? null, now)) {
    await disableEndpoint(deps.db, endpoint.id, 'No delivery to it has succeeded for 5 days.');
    await deps.db.update(webhookDeliveries).set({ state: 'failed' }).where(eq(webhookDeliveries.id, deliveryId));
    return { kind: 'final', error: error! };
  }
  return isFinal ? { kind: 'final', error: error! } : { kind: 'retry', error: error! };
}
