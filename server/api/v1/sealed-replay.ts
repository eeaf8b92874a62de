import 'server-only';
import { env } from '../../env';
import { openSecret, sealSecret } from '../../webhooks/secret-box';
import type { StoredResponse } from '../idempotency';

/**
 * An Idempotency-Key replay is the first answer, stored for 24 hours; an answer that shows a
 * secret once (a webhook's `whsec_` signing secret) must not sit in that table in the clear. The
 * named fields are sealed (AES-256-GCM under AUTH_SECRET) before storing and opened on replay, so
 * a retried create still gets its secret and a database dump alone does not.
 */
const SEALED = 'kumori-sealed:';

function mapFields(response: StoredResponse, fields: readonly string[], f: (value: string) => string): StoredResponse {
  if (fields.length === 0 || response.body === null || typeof response.body !== 'object') return response;
  const body = { ...(response.body as Record<string, unknown>) };
  for (const field of fields) if (typeof body[field] === 'string') body[field] = f(body[field] as string);
  return { ...response, body };
}

export function sealReplay(response: StoredResponse, fields: readonly string[]): StoredResponse {
  return mapFields(response, fields, (value) => SEALED + sealSecret(value, env().AUTH_SECRET));
}

export function openReplay(response: StoredResponse, fields: readonly string[]): StoredResponse {
  return mapFields(response, fields, (value) => (value.startsWith(SEALED) ? openSecret(value.slice(SEALED.length), env().AUTH_SECRET) : value));
}
