import 'server-only';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { recordAudit, type Actor } from '../audit/audit';
import { db, type Executor } from '../db/client';
import { users } from '../db/schema';
import { webhookEndpoints, type WebhookEndpoint } from '../db/webhook-schema';
import { env } from '../env';
import { createDeliveries } from './emit';
import { TEST_EVENT } from './events';
import { openSecret, sealSecret } from './secret-box';
import { generateWebhookSecret, ROTATION_OVERLAP_MS } from './sign';
import { createWebhookSchema, fieldsOf, MAX_ENDPOINTS } from './webhook-input';

/** What lists and the API show of an endpoint: never a secret. */
export type WebhookEndpointSummary = {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  /** Until when the secret a rotation replaced still signs; null when none does. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
};

export function summarize(e: WebhookEndpoint, now = new Date()): WebhookEndpointSummary {
  const expires = e.previousSecretRotatedAt ? new Date(e.previousSecretRotatedAt.getTime() + ROTATION_OVERLAP_MS) : null;
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: expires && expires > now ? expires.toISOString() : null,
    createdAt: e.createdAt.toISOString(),
  };
}

const NOT_FOUND = 'No such webhook endpoint.';

/** The user's own endpoint, locked for the change; someone else's is as unknown as a missing one. */
async function ownEndpoint(ex: Executor, userId: string, id: unknown) {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return null;
  const [row] = await ex.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, parsed.data), eq(webhookEndpoints.userId, userId))).for('update');
  return row ?? null;
}

/** Adds an endpoint; its signing secret is returned in plain text this once. */
export async function createWebhookEndpoint(actor: Actor, input: unknown, ex: Executor = db()): Promise<Result<{ endpoint: WebhookEndpointSummary; secret: string }>> {
  const parsed = createWebhookSchema.safeParse(input);
  if (!parsed.success) return fail('invalid', parsed.error.issues[0]?.message ?? 'Check the form.', fieldsOf(parsed.error));
  const secret = generateWebhookSecret();
  return ex.transaction(async (tx) => {
    // The owner's row lock serialises concurrent creates, so the limit holds.
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
    if (!owner) return fail('not_found', 'No such user.');
    const [{ n }] = await tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.userId, actor.id));
    if (n >= MAX_ENDPOINTS) return fail('limit_reached', `You have ${MAX_ENDPOINTS} webhook endpoints, the most an account may hold. Delete one first.`);
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ userId: actor.id, url: parsed.data.url, events: parsed.data.events, secretSealed: sealSecret(secret, env().AUTH_SECRET) })
      .returning();
    await recordAudit(tx, actor, { action: 'webhook.create', targetType: 'webhook_endpoint', targetId: row.id, after: { url: row.url, events: row.events } });
    return ok({ endpoint: summarize(row), secret });
  });
}

export async function listWebhookEndpoints(userId: string, ex: Executor = db()): Promise<WebhookEndpointSummary[]> {
  const rows = await ex.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, userId)).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map((r) => summarize(r));
}

export async function getWebhookEndpoint(userId: string, id: unknown, ex: Executor = db()): Promise<Result<{ endpoint: WebhookEndpointSummary }>> {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return fail('not_found', NOT_FOUND);
  const [row] = await ex.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, parsed.data), eq(webhookEndpoints.userId, userId)));
  return row ? ok({ endpoint: summarize(row) }) : fail('not_found', NOT_FOUND);
}

/** Deletes the endpoint and its delivery log; queued deliveries find nothing and stop. */
export async function deleteWebhookEndpoint(actor: Actor, id: unknown, ex: Executor = db()): Promise<Result<{ endpoint: WebhookEndpointSummary }>> {
  return ex.transaction(async (tx) => {
    const row = await ownEndpoint(tx, actor.id, id);
    if (!row) return fail('not_found', NOT_FOUND);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id));
    await recordAudit(tx, actor, { action: 'webhook.delete', targetType: 'webhook_endpoint', targetId: row.id, before: { url: row.url, events: row.events } });
    return ok({ endpoint: summarize(row) });
  });
}

/**
 * Replaces the signing secret; the one it replaces keeps signing beside it for 24 hours, so
 * receivers can switch without dropping a message. Rotating again within those hours drops the
 * older one at once (two secrets at most).
 */
export async function rotateWebhookSecret(actor: Actor, id: unknown, ex: Executor = db()): Promise<Result<{ endpoint: WebhookEndpointSummary; secret: string }>> {
  const secret = generateWebhookSecret();
  const authSecret = env().AUTH_SECRET;
  return ex.transaction(async (tx) => {
    const row = await ownEndpoint(tx, actor.id, id);
    if (!row) return fail('not_found', NOT_FOUND);
    // Re-sealed rather than copied, so a secret sealed under an older key fails here, loudly, and not at delivery.
    const previous = sealSecret(openSecret(row.secretSealed, authSecret), authSecret);
    const [after] = await tx
      .update(webhookEndpoints)
      .set({ secretSealed: sealSecret(secret, authSecret), previousSecretSealed: previous, previousSecretRotatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, row.id))
      .returning();
    await recordAudit(tx, actor, { action: 'webhook.rotate_secret', targetType: 'webhook_endpoint', targetId: row.id });
    return ok({ endpoint: summarize(after), secret });
  });
}

/** Turns a disabled endpoint back on, with a fresh failure count. */
export async function enableWebhookEndpoint(actor: Actor, id: unknown, ex: Executor = db()): Promise<Result<{ endpoint: WebhookEndpointSummary }>> {
  return ex.transaction(async (tx) => {
    const row = await ownEndpoint(tx, actor.id, id);
    if (!row) return fail('not_found', NOT_FOUND);
    if (row.enabled) return fail('unchanged', 'That endpoint is already enabled.');
    const [after] = await tx
      .update(webhookEndpoints)
      .set({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null })
      .where(eq(webhookEndpoints.id, row.id))
      .returning();
    await recordAudit(tx, actor, { action: 'webhook.enable', targetType: 'webhook_endpoint', targetId: row.id, before: { disabledReason: row.disabledReason } });
    return ok({ endpoint: summarize(after) });
  });
}

/** Queues a `webhook.test` message to this endpoint, whatever events it subscribes to. */
export async function sendTestEvent(userId: string, id: unknown, ex: Executor = db()): Promise<Result<{ deliveryId: string }>> {
  const found = await getWebhookEndpoint(userId, id, ex);
  if (!found.ok) return found;
  if (!found.endpoint.enabled) return fail('forbidden', 'This endpoint is disabled. Enable it first.');
  const [deliveryId] = await createDeliveries(ex, [found.endpoint.id], TEST_EVENT, {
    endpointId: found.endpoint.id,
    message: 'A test event from Kumori. If your code verified its signature, the endpoint is ready.',
  });
  return ok({ deliveryId: deliveryId! });
}
