import { z } from 'zod';
import type { DeliverySummary } from '../../webhooks/deliveries';
import { WEBHOOK_EVENTS } from '../../webhooks/events';
import type { WebhookEndpointSummary } from '../../webhooks/manage-endpoints';

// The webhook answers are plain types in server/webhooks (their use cases build them); these
// describe them for the document, and the type checks at the bottom make tsc fail when the two
// part ways, as response-schemas.int.test.ts does for real answers.

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.string()).meta({ description: `Any of: ${WEBHOOK_EVENTS.join(', ')}.` }),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().meta({ description: 'Why Kumori turned it off (failing for days); enable it again when fixed.' }),
  failingSince: z.iso.datetime().nullable(),
  previousSecretExpiresAt: z.iso.datetime().nullable().meta({ description: 'Until when the secret a rotation replaced still signs.' }),
  createdAt: z.iso.datetime(),
});

export const webhookCreatedSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.string()),
  secret: z.string().meta({ description: 'The `whsec_` signing secret (Standard Webhooks), shown this once.' }),
});

export const webhookListSchema = z.object({ data: z.array(webhookEndpointSchema) });

export const webhookDeletedSchema = z.object({ id: z.uuid(), deleted: z.literal(true) });

export const webhookRotatedSchema = z.object({
  id: z.uuid(),
  secret: z.string().meta({ description: 'The new secret, shown this once.' }),
  previousSecretExpiresAt: z.iso.datetime().nullable(),
});

export const webhookTestSentSchema = z.object({ deliveryId: z.uuid().meta({ description: 'Also the message\'s `webhook-id`.' }) });

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  event: z.string(),
  state: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
});

export const webhookDeliveryListSchema = z.object({ data: z.array(webhookDeliverySchema) });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEndpoint: Same<z.infer<typeof webhookEndpointSchema>, WebhookEndpointSummary> = true;
const sameDelivery: Same<z.infer<typeof webhookDeliverySchema>, DeliverySummary> = true;
void sameEndpoint;
void sameDelivery;
