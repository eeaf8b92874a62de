/** Every event a webhook endpoint can subscribe to; the names are part of the public contract. */
export const WEBHOOK_EVENTS = [
  'generation.queued',
  'generation.started',
  'generation.succeeded',
  'generation.failed',
  'generation.cancelled',
  'generation.blocked',
  'image.moderated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Sent only by "Send test event", to the one endpoint asked, whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test';

/** The body of every delivery: `{type, timestamp, data}`. */
export type WebhookEvent = { type: WebhookEventType | typeof TEST_EVENT; timestamp: string; data: Record<string, unknown> };

export function webhookBody(type: WebhookEvent['type'], data: Record<string, unknown>, at: Date = new Date()): string {
  const event: WebhookEvent = { type, timestamp: at.toISOString(), data };
  return JSON.stringify(event);
}
