import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../../domain/result';
import { isSafeKey } from './keys';

export const FILES_ROUTE = '/api/files/';

// AUTH_SECRET also signs sessions; the label keeps a file-URL MAC from ever being a valid MAC of
// anything else made with the same secret.
const LABEL = 'kumori:file-url:v1';

function mac(secret: string, key: string, exp: number, downloadName: string): string {
  // Newlines cannot occur in a safe key or in digits, so the fields cannot run into each other;
  // the download name is last and may contain anything.
  return createHmac('sha256', secret)
    .update(`${LABEL}\n${key}\n${exp}\n${downloadName}`)
    .digest('base64url');
}

export type SignFileUrlInput = {
  key: string;
  secret: string;
  /** Unix seconds. */
  expiresAt: number;
  downloadName?: string;
  basePath?: string;
};

/** `/api/files/<key>?exp=<unix>&sig=<hmac>[&dl=<name>]`; the key's alphabet needs no escaping. */
export function signFileUrl({ key, secret, expiresAt, downloadName, basePath = FILES_ROUTE }: SignFileUrlInput): string {
  const exp = Math.floor(expiresAt);
  const params = new URLSearchParams({ exp: String(exp), sig: mac(secret, key, exp, downloadName ?? '') });
  if (downloadName) params.set('dl', downloadName);
  return `${basePath}${key}?${params.toString()}`;
}

/**
 * Checks a URL made by `signFileUrl`. Takes the raw query values (`searchParams.get(...)`), so
 * missing ones may be null. `nowMs` is milliseconds since the epoch, for tests.
 * Returns a Result, not a boolean: test `.ok`; the code is `malformed`, `bad_signature` or `expired`.
 */
export function verifySignedFileUrl(
  key: string,
  exp: string | number | null | undefined,
  sig: string | null | undefined,
  dl: string | null | undefined,
  secret: string,
  nowMs: number = Date.now(),
): Result {
  const expText = typeof exp === 'number' ? String(exp) : exp;
  if (!isSafeKey(key) || !expText || !/^\d{1,12}$/.test(expText) || !sig) {
    return fail('malformed', 'This file link is not valid.');
  }
  const expected = Buffer.from(mac(secret, key, Number(expText), dl ?? ''));
  const given = Buffer.from(sig);
  // Signature before expiry, so a forged link is never told it merely expired.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('bad_signature', 'This file link is not valid.');
  }
  if (Number(expText) * 1000 <= nowMs) {
    return fail('expired', 'This file link has expired.');
  }
  return ok();
}
