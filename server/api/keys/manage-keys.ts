import 'server-only';
import { and, count, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../domain/result';
import { recordAudit, type Actor } from '../../audit/audit';
import { db, type Executor } from '../../db/client';
import { apiKeys, type ApiKey } from '../../db/api-schema';
import { users } from '../../db/schema';
import { API_SCOPES } from '../authenticate';
import { generateApiKey } from './key-format';

/** Enough for one key per app and environment; more usually means keys are never cleaned up. */
export const MAX_LIVE_KEYS = 25;
export const EXPIRY_DAYS = [7, 30, 90, 365] as const;

const empty = (v: unknown) => v === undefined || v === null || v === '' || v === 'none';

export const createApiKeySchema = z.object({
  name: z.string({ error: 'Give the key a name, or leave it empty.' }).trim().max(60, 'Keep the name to 60 characters or fewer.').default(''),
  scopes: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v ?? []),
    z.array(z.enum(API_SCOPES, { error: 'Choose scopes from generate, read and webhooks.' })).min(1, 'Choose at least one scope.'),
  ),
  expiresInDays: z.preprocess(
    (v) => (empty(v) ? null : Number(v)),
    z.union([z.null(), ...EXPIRY_DAYS.map((d) => z.literal(d))], { error: 'Choose 7, 30, 90 or 365 days, or no expiry.' }),
  ),
  monthlyCreditCap: z.preprocess(
    (v) => (empty(v) ? null : Number(v)),
    z
      .number({ error: 'The monthly cap is a whole number of credits.' })
      .int('The monthly cap is a whole number of credits.')
      .positive('The monthly cap must be at least 1 credit, or empty for none.')
      .max(1_000_000_000, 'That cap is larger than any balance.')
      .nullable(),
  ),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/** What a key list shows: never the hash. */
export type ApiKeySummary = Pick<ApiKey, 'id' | 'name' | 'prefix' | 'scopes' | 'expiresAt' | 'monthlyCreditCap' | 'lastUsedAt' | 'createdAt' | 'revokedAt'>;

const summary = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  expiresAt: apiKeys.expiresAt,
  monthlyCreditCap: apiKeys.monthlyCreditCap,
  lastUsedAt: apiKeys.lastUsedAt,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

const isLive = and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)));

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !fields[key]) fields[key] = issue.message;
  }
  return fields;
}

/**
 * Makes a key and returns it in plain text, the only time it exists outside the caller's hands.
 * The user's row lock serialises concurrent creates, so the live-key limit holds.
 */
export async function createApiKey(user: Actor, input: unknown, ex: Executor = db()): Promise<Result<{ key: string; id: string; prefix: string }>> {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) return fail('invalid', parsed.error.issues[0]?.message ?? 'Check the form.', fieldsOf(parsed.error));
  const { name, scopes, expiresInDays, monthlyCreditCap } = parsed.data;
  const generated = generateApiKey();
  return ex.transaction(async (tx) => {
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
    if (!owner) return fail('not_found', 'No such user.');
    const [{ live }] = await tx.select({ live: count() }).from(apiKeys).where(and(eq(apiKeys.userId, user.id), isLive));
    if (live >= MAX_LIVE_KEYS) return fail('limit_reached', `You have ${MAX_LIVE_KEYS} live keys, the most an account may hold. Revoke one you no longer use.`);
    const [row] = await tx
      .insert(apiKeys)
      .values({
        userId: user.id,
        name,
        prefix: generated.prefix,
        keyHash: generated.hash,
        scopes: [...new Set(scopes)],
        expiresAt: expiresInDays === null ? null : sql`now() + make_interval(days => ${expiresInDays})`,
        monthlyCreditCap,
      })
      .returning(summary);
    await recordAudit(tx, user, { action: 'api_key.create', targetType: 'api_key', targetId: row.id, after: snapshot(row, user.id) });
    return ok({ key: generated.key, id: row.id, prefix: row.prefix });
  });
}

/** The user's keys that are not revoked (expired ones included, marked by expiresAt), newest first. */
export async function listApiKeys(userId: string, ex: Executor = db()): Promise<ApiKeySummary[]> {
  return ex.select(summary).from(apiKeys).where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt))).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Every key of the user, revoked ones too, newest first: what an admin reviews. */
export async function adminListApiKeys(userId: string, ex: Executor = db()): Promise<ApiKeySummary[]> {
  return ex.select(summary).from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes one of the user's own keys; someone else's key is as unknown as a missing one. */
export async function revokeApiKey(user: Actor, keyId: unknown, ex: Executor = db()): Promise<Result<{ key: ApiKeySummary }>> {
  return revoke(ex, user, keyId, user.id);
}

/** Revokes any user's key, audited under the admin's name. */
export async function adminRevokeApiKey(admin: Actor, keyId: unknown, ex: Executor = db()): Promise<Result<{ key: ApiKeySummary }>> {
  return revoke(ex, admin, keyId, null);
}

async function revoke(ex: Executor, actor: Actor, keyId: unknown, ownerId: string | null): Promise<Result<{ key: ApiKeySummary }>> {
  const id = z.uuid().safeParse(keyId);
  if (!id.success) return fail('not_found', 'No such API key.');
  return ex.transaction(async (tx) => {
    const [before] = await tx
      .select({ ...summary, userId: apiKeys.userId })
      .from(apiKeys)
      .where(ownerId ? and(eq(apiKeys.id, id.data), eq(apiKeys.userId, ownerId)) : eq(apiKeys.id, id.data))
      .for('update');
    if (!before) return fail('not_found', 'No such API key.');
    if (before.revokedAt) return fail('unchanged', 'That key is already revoked.');
    const [after] = await tx.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, before.id)).returning(summary);
    await recordAudit(tx, actor, {
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: before.id,
      before: snapshot(before, before.userId),
      after: snapshot(after, before.userId),
    });
    return ok({ key: after });
  });
}

function snapshot(k: ApiKeySummary, userId: string) {
  return {
    userId,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    monthlyCreditCap: k.monthlyCreditCap,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
