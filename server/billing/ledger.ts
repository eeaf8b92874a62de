import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { creditLedger, users } from '../db/schema';

export type LedgerKind = (typeof creditLedger.kind.enumValues)[number];

export type LedgerEntry = {
  userId: string;
  kind: LedgerKind;
  amount: number;
  reason: string;
  uniqueKey: string;
  generationId?: string;
  paymentId?: string;
};

/** users.credits, which a trigger keeps equal to the sum of the user's ledger entries. */
export async function balanceOf(ex: Executor, userId: string): Promise<number> {
  const [row] = await ex.select({ credits: users.credits }).from(users).where(eq(users.id, userId));
  return row?.credits ?? 0;
}

/**
 * Locking the user row serialises every change to one user's credits, so two requests cannot
 * both spend the same last credits. Take it before inserting rows that reference the user: their
 * foreign-key share lock would otherwise deadlock against a concurrent FOR UPDATE.
 * Returns the balance as of the lock.
 */
export async function lockUserCredits(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.select({ credits: users.credits }).from(users).where(eq(users.id, userId)).for('update');
  return row?.credits ?? 0;
}

/**
 * Appends one entry under the user's lock. Returns false when an entry with this unique key
 * already exists: the operation already happened, and nothing changes.
 */
export async function appendEntry(ex: Executor, entry: LedgerEntry): Promise<boolean> {
  return ex.transaction(async (tx) => {
    await lockUserCredits(tx, entry.userId);
    const rows = await tx
      .insert(creditLedger)
      .values(entry)
      .onConflictDoNothing({ target: creditLedger.uniqueKey })
      .returning({ id: creditLedger.id });
    return rows.length > 0;
  });
}

export function grantCredits(ex: Executor, userId: string, amount: number, reason: string, uniqueKey: string) {
  return appendEntry(ex, { userId, kind: 'grant', amount, reason, uniqueKey });
}

export type DebitResult = { ok: true; balance: number } | { ok: false; reason: 'negative_balance' | 'insufficient_credits'; balance: number };

/**
 * Debits inside the caller's transaction. A negative balance (a payment taken back) refuses
 * every generation, free ones included, until it is topped up.
 */
export async function debitForGeneration(tx: Tx, userId: string, generationId: string, amount: number): Promise<DebitResult> {
  const balance = await lockUserCredits(tx, userId);
  if (balance < 0) return { ok: false, reason: 'negative_balance', balance };
  if (balance < amount) return { ok: false, reason: 'insufficient_credits', balance };
  await appendEntry(tx, {
    userId,
    kind: 'debit',
    amount: -amount,
    reason: 'Generation',
    uniqueKey: `generation:${generationId}:debit`,
    generationId,
  });
  return { ok: true, balance: balance - amount };
}

/**
 * Refunds a generation's debit (all of it, or `portion` credits of it) at most once, whatever
 * number of times it is called. Returns the credits refunded (0 when it already happened).
 */
export async function refundGeneration(ex: Executor, generationId: string, reason: string, portion?: number): Promise<number> {
  const [debit] = await ex
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.generationId, generationId), eq(creditLedger.kind, 'debit')));
  if (!debit) return 0;
  const amount = Math.min(portion ?? -debit.amount, -debit.amount);
  if (amount <= 0) return 0;
  const done = await appendEntry(ex, {
    userId: debit.userId,
    kind: 'refund',
    amount,
    reason,
    uniqueKey: `generation:${generationId}:refund`,
    generationId,
  });
  return done ? amount : 0;
}

/** Users whose running total differs from the sum of their entries; empty unless something is broken. */
export async function ledgerDrift(ex: Executor): Promise<Array<{ userId: string; credits: number; sum: number }>> {
  const rows = await ex.execute<{ user_id: string; credits: number; sum: string }>(sql`
    select u.id as user_id, u.credits, coalesce(sum(l.amount), 0) as sum
    from users u left join credit_ledger l on l.user_id = u.id
    group by u.id having u.credits <> coalesce(sum(l.amount), 0)`);
  return [...rows].map((r) => ({ userId: r.user_id, credits: r.credits, sum: Number(r.sum) }));
}
