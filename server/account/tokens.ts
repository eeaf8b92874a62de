import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import type { Executor } from '../db/client';
import { authTokens } from '../db/account-schema';

export type TokenPurpose = (typeof authTokens.purpose.enumValues)[number];

/** How long a mailed link works. A reset link is short-lived: it signs the holder in to the account. */
export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = {
  reset_password: 30,
  verify_email: 48 * 60,
  change_email: 24 * 60,
};

/** Only this hash is stored, so a leaked table (or backup) holds no usable link. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A fresh single-use token for `purpose`; earlier unused ones of the same purpose stop working,
 * so only the latest mail's link is live. Returns the token for the link (never stored).
 */
export async function issueToken(ex: Executor, userId: string, purpose: TokenPurpose, newEmail?: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await ex
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
  await ex.insert(authTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    newEmail: newEmail ?? null,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MINUTES[purpose] * 60_000),
  });
  return token;
}

/**
 * Uses a token up: one guarded UPDATE, so two clicks (or two tabs) cannot both use it. Call it in
 * the transaction that makes the change the link allows, so a refused change leaves it unused.
 */
export async function consumeToken(
  ex: Executor,
  purposes: TokenPurpose[],
  token: string,
): Promise<Result<{ userId: string; purpose: TokenPurpose; newEmail: string | null }>> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return fail('invalid', 'This link is not valid. Check that you copied all of it.');
  const tokenHash = hashToken(token);
  const [row] = await ex
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.tokenHash, tokenHash), inArray(authTokens.purpose, purposes), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())))
    .returning({ userId: authTokens.userId, purpose: authTokens.purpose, newEmail: authTokens.newEmail });
  if (row) return ok(row);
  const [known] = await ex
    .select({ usedAt: authTokens.usedAt })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, tokenHash), inArray(authTokens.purpose, purposes)));
  if (!known) return fail('invalid', 'This link is not valid. Check that you copied all of it.');
  return fail('expired', known.usedAt ? 'This link was already used or replaced by a newer one.' : 'This link has expired. Ask for a new one.');
}
