import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, type WebhookSecrets } from './sign';

const HOUR = 60 * 60 * 1000;
const body = JSON.stringify({ type: 'generation.completed', data: { id: 'gen_1' } });

function signNow(secrets: WebhookSecrets, at = new Date()) {
  return signWebhook({ id: 'msg_1', timestamp: at, body, secrets });
}

describe('signWebhook', () => {
  it('generates distinct whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('produces headers the standardwebhooks library accepts', () => {
    const secret = generateWebhookSecret();
    const headers = signNow({ current: secret });
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with both secrets within 24 hours of a rotation, each verifying', () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    const headers = signNow({ current, previous: { secret: previous, rotatedAt: new Date(Date.now() - 23 * HOUR) } });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });

  it('stops signing with the previous secret 24 hours after the rotation', () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    const headers = signNow({ current, previous: { secret: previous, rotatedAt: new Date(Date.now() - 24 * HOUR) } });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).toThrow();
  });

  it('keeps the message id on retries while the timestamp moves', () => {
    const secret = generateWebhookSecret();
    const first = signNow({ current: secret }, new Date(Date.now() - 5000));
    const retry = signNow({ current: secret });
    expect(retry['webhook-id']).toBe(first['webhook-id']);
    expect(retry['webhook-signature']).not.toBe(first['webhook-signature']);
    expect(() => new Webhook(secret).verify(body, retry)).not.toThrow();
  });

  it('is refused for a tampered body, a wrong secret or an old timestamp', () => {
    const secret = generateWebhookSecret();
    const headers = signNow({ current: secret });
    expect(() => new Webhook(secret).verify(body.replace('gen_1', 'gen_2'), headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    const stale = signNow({ current: secret }, new Date(Date.now() - 10 * 60 * 1000));
    expect(() => new Webhook(secret).verify(body, stale)).toThrow(/timestamp/i);
  });

  it('refuses a secret without the whsec_ prefix', () => {
    expect(() => signNow({ current: 'not-a-secret' })).toThrow(/whsec_/);
  });
});
