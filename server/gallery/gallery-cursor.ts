import { decodeCursor } from '../db/keyset-cursor';

/**
 * The gallery's page cursor: keyset-cursor's format, but the time at Postgres' full microsecond
 * precision, so the query can compare the real `created_at` and walk its index (a batch's images
 * share one created_at; truncating it to milliseconds needed an expression no index serves).
 */
export function encodeGalleryCursor(createdAtMicros: string, id: string): string {
  return Buffer.from(`${createdAtMicros}|${id}`).toString('base64url');
}

/** The time as written (microseconds kept) and the id; null for anything this module did not make. */
export function decodeGalleryCursor(cursor: string | null | undefined): { at: string; id: string } | null {
  if (!cursor || !decodeCursor(cursor)) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return at && id ? { at, id } : null;
}
