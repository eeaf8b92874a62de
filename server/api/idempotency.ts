import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { idempotencyKeys } from '../db/api-schema';

/** What a POST answered; the only thing kept under its Idempotency-Key. */
export type StoredResponse = { status: number; body: unknown };

export type IdempotencyStart = { replay: StoredResponse | null };

const MAX_KEY_LENGTH = 255;

/** The `Idempotency-Key` header: null when absent, a failure when present but unusable. */
export function idempotencyKeyOf(req: Request): Result<{ key: string | null }> {
  const key = req.headers.get('idempotency-key');
  if (key === null) return ok({ key: null });
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    return fail('invalid', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters.`, { 'Idempotency-Key': 'Invalid.' });
  }
  return ok({ key });
}

// Keys are sorted, so the same fields sent in another order or with other spacing count as the same body.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHashOf(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/**
 * Claims the key for this request, or answers what the first request with it answered. The row is
 * inserted before the work starts, so of two concurrent duplicates exactly one does the work; the
 * other is told to retry. A row older than 24 hours no longer counts.
 */
export async function beginIdempotentRequest(userId: string, key: string, requestHash: string): Promise<Result<IdempotencyStart>> {
  await db()
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), sql`${idempotencyKeys.createdAt} < now() - interval '24 hours'`));
  const inserted = await db()
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return ok({ replay: null });

  const [row] = await db()
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  // Released between our insert and select: the first request failed and may be retried.
  if (!row) return fail('exists', 'A request with this Idempotency-Key is still being processed.');
  if (row.requestHash !== requestHash) {
    return fail('idempotency_mismatch', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.', {
      'Idempotency-Key': 'Used with a different request.',
    });
  }
  if (row.responseStatus === null) return fail('exists', 'A request with this Idempotency-Key is still being processed.');
  return ok({ replay: { status: row.responseStatus, body: row.responseBody } });
}

export async function completeIdempotentRequest(userId: string, key: string, response: StoredResponse): Promise<void> {
  await db()
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseBody: response.body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.responseStatus)));
}

/** Frees the key after an outage or crash, so the client's retry does the work instead of replaying a 5xx. */
export async function releaseIdempotentRequest(userId: string, key: string): Promise<void> {
  await db()
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.responseStatus)));
}
