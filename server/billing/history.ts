import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '../db/client';
import type { LedgerKind } from './ledger';

export type LedgerRow = {
  id: number;
  kind: LedgerKind;
  amount: number;
  reason: string;
  createdAt: string;
  generationId: string | null;
  paymentId: string | null;
  /** The generation's first image, when it has one to link to. */
  imageId: string | null;
  /** The balance right after this entry: the running sum of the user's entries up to it. */
  balanceAfter: number;
};

/** The user's ledger, newest first, `limit` entries older than `before` (an entry id). */
export async function ledgerPage(userId: string, opts: { before?: number; limit?: number } = {}): Promise<{ rows: LedgerRow[]; next: number | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 100);
  const rows = await db().execute<{
    id: string;
    kind: LedgerKind;
    amount: number;
    reason: string;
    created_at: Date;
    generation_id: string | null;
    payment_id: string | null;
    image_id: string | null;
    balance_after: string;
  }>(sql`
    select l.*, i.id as image_id from (
      select id, kind, amount, reason, created_at, generation_id, payment_id,
             sum(amount) over (order by id) as balance_after
      from credit_ledger where user_id = ${userId}
    ) l
    left join images i on i.generation_id = l.generation_id and i.index = 0
    where ${opts.before ? sql`l.id < ${opts.before}` : sql`true`}
    order by l.id desc limit ${limit + 1}`);
  const list = [...rows].slice(0, limit).map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    amount: r.amount,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    generationId: r.generation_id,
    paymentId: r.payment_id,
    imageId: r.image_id,
    balanceAfter: Number(r.balance_after),
  }));
  return { rows: list, next: rows.length > limit ? list[list.length - 1].id : null };
}
