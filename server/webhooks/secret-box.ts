import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook secrets are sealed at rest with AES-256-GCM under a key derived from AUTH_SECRET (HKDF,
 * its own label), so a database dump alone cannot forge deliveries. Signing needs the secret
 * itself, so a hash would not do. Changing AUTH_SECRET makes sealed secrets unreadable: their
 * endpoints need a new one (delete and add again).
 */
const VERSION = 'v1';

function keyFrom(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'kumori', 'webhook-secret-seal', 32));
}

export function sealSecret(secret: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(authSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** Throws when the value was sealed under another key or altered. */
export function openSecret(sealed: string, authSecret: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !body) throw new Error('Unknown sealed webhook secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(authSecret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
