import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
/** How long the secret replaced by a rotation keeps signing, so receivers can switch without dropping messages. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** An endpoint's signing secrets: the current one and, after a rotation, the one it replaced. */
export type WebhookSecrets = {
  current: string;
  previous?: { secret: string; rotatedAt: Date };
};

export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** 32 random bytes: the spec allows 24 to 64, and receivers' libraries take the `whsec_` form as is. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The secrets that sign a message sent at `at`: the previous one only within the overlap after its rotation. */
export function activeSecrets(secrets: WebhookSecrets, at: Date): string[] {
  const { current, previous } = secrets;
  const isPreviousActive = previous !== undefined && at.getTime() - previous.rotatedAt.getTime() < ROTATION_OVERLAP_MS;
  return isPreviousActive ? [current, previous.secret] : [current];
}

/**
 * Headers for one delivery attempt, per the Standard Webhooks spec. `id` must be the message's id,
 * the same on every retry, so receivers can deduplicate; `timestamp` is the attempt's own time,
 * since receivers refuse stale ones. `body` must be the exact string sent: the signature covers its bytes.
 */
export function signWebhook(input: { id: string; timestamp: Date; body: string; secrets: WebhookSecrets }): WebhookHeaders {
  const seconds = String(Math.floor(input.timestamp.getTime() / 1000));
  const content = `${input.id}.${seconds}.${input.body}`;
  const signatures = activeSecrets(input.secrets, input.timestamp).map(
    (secret) => `v1,${createHmac('sha256', secretKey(secret)).update(content, 'utf8').digest('base64')}`,
  );
  return { 'webhook-id': input.id, 'webhook-timestamp': seconds, 'webhook-signature': signatures.join(' ') };
}

// The HMAC key is the decoded bytes after the prefix, not the secret string itself.
function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('webhook secret must start with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}
