import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { fail, type Failure } from '../../../domain/result';
import type { Tx } from '../../db/client';
import { apiKeys } from '../../db/api-schema';
import { creditLedger, generations } from '../../db/schema';

/**
 * What a key has spent this calendar month (UTC): its generations' debits less their refunds, so
 * a cancelled or failed job gives its credits back to the cap as it does to the balance. Read
 * inside createGeneration's transaction, under the user's row lock, so two requests cannot both
 * pass a cap that only one of them fits under.
 */
export async function spentThisMonth(tx: Tx, keyId: string): Promise<number> {
  const [row] = await tx
    .select({ spent: sql<number>`coalesce(-sum(${creditLedger.amount}), 0)::int` })
    .from(creditLedger)
    .innerJoin(generations, eq(generations.id, creditLedger.generationId))
    .where(
      and(
        eq(generations.apiKeyId, keyId),
        sql`${generations.createdAt} >= date_trunc('month', now() at time zone 'utc') at time zone 'utc'`,
        sql`${creditLedger.kind} in ('debit', 'refund')`,
      ),
    );
  return row?.spent ?? 0;
}

/** The refusal when `cost` would take the key past its monthly cap; null when it fits or has none. */
export async function keyCapRefusal(tx: Tx, keyId: string, cost: number): Promise<Failure | null> {
  const [key] = await tx.select({ cap: apiKeys.monthlyCreditCap, name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.id, keyId));
  if (!key || key.cap === null) return null;
  const spent = await spentThisMonth(tx, keyId);
  if (spent + cost <= key.cap) return null;
  const left = Math.max(0, key.cap - spent);
  return fail(
    'key_cap_reached',
    `This generation costs ${cost} credits and this API key has ${left} of its ${key.cap}-credit monthly cap left. Raise the cap in Settings → API keys, or wait for next month.`,
  );
}
