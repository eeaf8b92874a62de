import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { creditLedger, users } from '../db/schema';

export async function balanceOf(ex: Executor, userId: string): Promise<number> {
  const [row] = await ex
    .select({ total: sql<string>`coalesce(sum(${creditLedger.amount}), 0)` })
    .from(creditLedger)
    .where(eq(creditLedger.userId, userId));
  return Number(row?.total ?? 0);
}

/** Returns false when an entry with this unique key already exists (the operation already happened). */
async function append(
  ex: Executor,
  entry: { userId: string; kind: 'grant' | 'debit' | 'refund'; amount: number; reason: string; uniqueKey: string; generationId?: string },
): Promise<boolean> {
  const rows = await ex
    .insert(creditLedger)
    .values(entry)
    .onConflictDoNothing({ target: creditLedger.uniqueKey })
    .returning({ id: creditLedger.id });
  return rows.length > 0;
}

export function grantCredits(ex: Executor, userId: string, amount: number, reason: string, uniqueKey: string) {
  return append(ex, { userId, kind: 'grant', amount, reason, uniqueKey });
}

/**
 * Locking the user row serialises concurrent debits of one user, so two requests cannot both
 * spend the same last credits. Take it before inserting rows that reference the user: their
 * foreign-key share lock would otherwise deadlock against a concurrent FOR UPDATE.
 */
export async function lockUserCredits(tx: Tx, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

/** Debits inside the caller's transaction; call lockUserCredits first in that transaction. */
export async function debitForGeneration(
  tx: Tx,
  userId: string,
  generationId: string,
  amount: number,
): Promise<{ ok: true; balance: number } | { ok: false; balance: number }> {
  await lockUserCredits(tx, userId);
  const balance = await balanceOf(tx, userId);
  if (balance < amount) return { ok: false, balance };
  await append(tx, {
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
  const done = await append(ex, {
    userId: debit.userId,
    kind: 'refund',
    amount,
    reason,
    uniqueKey: `generation:${generationId}:refund`,
    generationId,
  });
  return done ? amount : 0;
}
