import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { currentUser } from '../auth/session';
import type { SessionUser } from '../auth/users';
import type { Plan } from '../../domain/plans';
import { db } from '../db/client';
import { apiKeys } from '../db/api-schema';
import { users } from '../db/schema';
import { hashApiKey, isWellFormedApiKey } from './keys/key-format';
import { hasUserWebhooksColumn } from '../webhooks/has-endpoints';
import type { CreateOptions } from '../generations/create';
import { isAdminAccount, type GeneratingAccount } from '../generations/generating-account';

export const API_SCOPES = ['generate', 'read', 'webhooks'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * Who is calling the API: through a key (with its scopes and id) or the browser's session (every
 * scope); the plan sets the rate limits, the balance is as it was when the call came in.
 */
export type ApiCaller = {
  user: SessionUser;
  keyId: string | null;
  /** Whether the key has a monthly credit cap (checked again, with its spend, when it generates). */
  keyCapped: boolean;
  scopes: readonly ApiScope[];
  plan: Plan;
  balance: number;
  /** Read with the key, so a generation needs no second look at the users row. */
  account: GeneratingAccount;
};

const BAD_KEY = 'Incorrect API key provided. Create one in Settings → API keys.';

function bearerOf(req: Request): string | null {
  const header = req.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}

/**
 * `Authorization: Bearer kmr_…` on every API route; without that header the browser's session
 * cookie works too. A malformed key is refused from its checksum alone, before any lookup.
 */
export async function authenticateApiRequest(req: Request): Promise<Result<{ caller: ApiCaller }>> {
  const bearer = bearerOf(req);
  if (bearer === null) {
    const user = await currentUser();
    if (!user) return fail('unauthenticated', 'Send an API key as `Authorization: Bearer kmr_…`.');
    const [row] = await db()
      .select({ plan: users.plan, credits: users.credits, suspendedAt: users.suspendedAt, email: users.email, role: users.role, webhooks: hasUserWebhooksColumn() })
      .from(users)
      .where(eq(users.id, user.id));
    const plan = row?.plan ?? 'free';
    const account = { plan, suspended: Boolean(row?.suspendedAt), admin: row ? isAdminAccount(row.role, row.email) : false, webhooks: row?.webhooks ?? false };
    return ok({ caller: { user, keyId: null, keyCapped: false, scopes: API_SCOPES, plan, balance: row?.credits ?? 0, account } });
  }
  if (!isWellFormedApiKey(bearer)) return fail('unauthenticated', BAD_KEY);
  const [row] = await db()
    .select({
      keyId: apiKeys.id,
      scopes: apiKeys.scopes,
      cap: apiKeys.monthlyCreditCap,
      id: users.id,
      email: users.email,
      role: users.role,
      plan: users.plan,
      credits: users.credits,
      suspendedAt: users.suspendedAt,
      webhooks: hasUserWebhooksColumn(),
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKey(bearer)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), sql`${apiKeys.expiresAt} > now()`),
        isNull(users.deletedAt),
      ),
    );
  if (!row) return fail('unauthenticated', BAD_KEY);
  await touchKey(row.keyId);
  const scopes = row.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
  const account = { plan: row.plan, suspended: row.suspendedAt !== null, admin: isAdminAccount(row.role, row.email), webhooks: row.webhooks };
  return ok({
    caller: {
      user: { id: row.id, email: row.email, role: row.role },
      keyId: row.keyId,
      keyCapped: row.cap !== null,
      scopes,
      plan: row.plan,
      balance: row.credits,
      account,
    },
  });
}

const TOUCH_EVERY_MS = 60_000;
/** When this process last wrote each key's last_used_at; bounded, since a key that left it is simply written again. */
const touchedAt = new Map<string, number>();

/**
 * last_used_at is written at most once a minute: a busy key would otherwise write on every
 * request. The database's condition keeps that true across web nodes; this process's own memory
 * spares it the round trip in between.
 */
async function touchKey(keyId: string): Promise<void> {
  const now = Date.now();
  if (now - (touchedAt.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
  if (touchedAt.size > 10_000) touchedAt.clear();
  touchedAt.set(keyId, now);
  await db()
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
}

export function requireScope(caller: ApiCaller, scope: ApiScope): Result {
  return caller.scopes.includes(scope) ? ok() : fail('forbidden', `This API key lacks the "${scope}" scope.`);
}

/** createGeneration's options for this caller: its key (and cap), and the account read with it. */
export function generationOptionsOf(caller: ApiCaller): CreateOptions {
  return { apiKeyId: caller.keyId, apiKeyCapped: caller.keyCapped, account: caller.account };
}
