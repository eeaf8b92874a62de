import { describe, expect, it } from 'vitest';
import { createWebhookSchema } from './webhook-input';

describe('createWebhookSchema', () => {
  it('takes an http(s) URL and known events, without duplicates', () => {
    const parsed = createWebhookSchema.parse({ url: ' https://example.com/hook ', events: ['generation.succeeded', 'generation.succeeded', 'image.moderated'] });
    expect(parsed).toEqual({ url: 'https://example.com/hook', events: ['generation.succeeded', 'image.moderated'] });
  });

  it('refuses other schemes, credentials, unknown events and an empty list', () => {
    expect(createWebhookSchema.safeParse({ url: 'ftp://example.com', events: ['generation.queued'] }).success).toBe(false);
    expect(createWebhookSchema.safeParse({ url: 'https://u:p@example.com', events: ['generation.queued'] }).success).toBe(false);
    expect(createWebhookSchema.safeParse({ url: 'https://example.com', events: ['generation.done'] }).success).toBe(false);
    expect(createWebhookSchema.safeParse({ url: 'https://example.com', events: [] }).success).toBe(false);
  });
});
