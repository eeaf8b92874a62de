import 'server-only';
import { createHash } from 'node:crypto';
import { redis } from '../../redis/connection';
import { redisKeys } from '../../redis/keys';
import type { ApiCaller } from '../authenticate';

/**
 * The official OpenAI SDKs retry a timed-out, 429 or 5xx request (twice by default) with the same
 * body and no idempotency key, numbering the attempts in `X-Stainless-Retry-Count`. Every accepted
 * request is remembered by (key, body) for this long, which covers the SDK's 10-minute timeout and
 * its back-off; a retry that matches one attaches to its generation instead of paying again.
 */
const REMEMBER_SECONDS = 15 * 60;

export function isSdkRetry(req: Request): boolean {
  const count = Number(req.headers.get('x-stainless-retry-count') ?? '0');
  return Number.isFinite(count) && count > 0;
}

// Keys are per API key (or per user for the browser session): another key's identical body is another request.
const markerOf = (caller: ApiCaller, path: string, rawBody: Buffer) =>
  redisKeys.openAiRetry(caller.keyId ? `key:${caller.keyId}` : `user:${caller.user.id}`, createHash('sha256').update(path).update('\n').update(rawBody).digest('hex'));

export async function rememberRequest(caller: ApiCaller, path: string, rawBody: Buffer, generationId: string): Promise<void> {
  await redis().set(markerOf(caller, path, rawBody), generationId, 'EX', REMEMBER_SECONDS);
}

/** The generation a retried request already started, if its first attempt got that far. */
export async function retriedGeneration(caller: ApiCaller, path: string, rawBody: Buffer): Promise<string | null> {
  return redis().get(markerOf(caller, path, rawBody));
}
