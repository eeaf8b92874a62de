import 'server-only';
import { and, count, desc, eq, ilike, inArray, isNotNull, max, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Executor } from '../db/client';
import { creditLedger, generationStatusEnum, generations, images, users } from '../db/schema';
import { promptIncidents } from '../db/safety-schema';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** The users page's query string: ?q=&suspended=1&cursor=, tolerant of junk (a bad cursor means page one). */
export const userSearchParams = z.object({
  q: z.preprocess(first, z.string().trim().max(200).optional()).catch(undefined),
  suspended: z.preprocess(first, z.string().optional()).transform((s) => s === '1').catch(false),
  cursor: z.preprocess(first, z.uuid().optional()).catch(undefined),
});

export type UserSearch = { q?: string; suspended?: boolean; limit?: number; cursor?: string };

/** What an admin sees of an account in lists and on its page. */
const ACCOUNT = {
  id: users.id,
  email: users.email,
  role: users.role,
  plan: users.plan,
  credits: users.credits,
  suspendedAt: users.suspendedAt,
  createdAt: users.createdAt,
};

/**
 * Accounts whose email contains q (any case), optionally only suspended ones, newest first. Paged by the id of the last row
 * shown: the comparison reads that row's timestamp in Postgres, at full precision.
 */
export async function searchUsers({ q, suspended, limit = 25, cursor }: UserSearch, ex: Executor = db()) {
  const where: SQL[] = [];
  if (q) where.push(ilike(users.email, `%${q.replace(/[%_\\]/g, '\\$&')}%`));
  if (suspended) where.push(isNotNull(users.suspendedAt));
  if (cursor) where.push(sql`(${users.createdAt}, ${users.id}) < (select created_at, id from users where id = ${cursor})`);
  const size = Math.min(Math.max(limit, 1), 100);
  const rows = await ex
    .select(ACCOUNT)
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(size + 1);
  return { rows: rows.slice(0, size), next: rows.length > size ? rows[size - 1].id : null };
}

export type UserListRow = Awaited<ReturnType<typeof searchUsers>>['rows'][number];
type GenerationStatus = (typeof generationStatusEnum.enumValues)[number];

const total = (expr: SQL) => sql<number>`coalesce(${expr}, 0)`.mapWith(Number);
const LAST_30_DAYS = sql`now() - interval '30 days'`;

/** One account and what it has used, for the admin's user page; null when there is no such user. */
export async function userDetail(id: string, ex: Executor = db()) {
  if (!z.uuid().safeParse(id).success) return null;
  const [user] = await ex
    .select({ ...ACCOUNT, suspendedReason: users.suspendedReason })
    .from(users)
    .where(eq(users.id, id));
  if (!user) return null;
  const [byStatus, [spend], [imageCounts], [incidents], [last], ledger] = await Promise.all([
    ex.select({ status: generations.status, n: count() }).from(generations).where(eq(generations.userId, id)).groupBy(generations.status),
    // Debits are negative and refunds positive, so minus their sum is what was really spent.
    ex
      .select({
        allTime: total(sql`-sum(${creditLedger.amount})`),
        last30Days: total(sql`-sum(${creditLedger.amount}) filter (where ${creditLedger.createdAt} > ${LAST_30_DAYS})`),
      })
      .from(creditLedger)
      .where(and(eq(creditLedger.userId, id), inArray(creditLedger.kind, ['debit', 'refund']))),
    ex
      .select({ all: count(), inReview: total(sql`count(*) filter (where ${images.moderation} = 'review')`) })
      .from(images)
      .where(eq(images.userId, id)),
    ex
      .select({
        blocked: total(sql`count(*) filter (where ${promptIncidents.action} = 'block')`),
        flagged: total(sql`count(*) filter (where ${promptIncidents.action} = 'flag')`),
      })
      .from(promptIncidents)
      .where(eq(promptIncidents.userId, id)),
    ex.select({ at: max(generations.createdAt) }).from(generations).where(eq(generations.userId, id)),
    ex
      .select({ id: creditLedger.id, kind: creditLedger.kind, amount: creditLedger.amount, reason: creditLedger.reason, createdAt: creditLedger.createdAt })
      .from(creditLedger)
      .where(eq(creditLedger.userId, id))
      .orderBy(desc(creditLedger.id))
      .limit(10),
  ]);
  const generationsByStatus = Object.fromEntries(generationStatusEnum.enumValues.map((s) => [s, 0])) as Record<GenerationStatus, number>;
  for (const r of byStatus) generationsByStatus[r.status] = r.n;
  return {
    user,
    usage: {
      generationsByStatus,
      creditsSpent: spend,
      images: imageCounts,
      promptIncidents: incidents,
      lastGenerationAt: last?.at ?? null,
    },
    recentLedger: ledger,
  };
}

export type UserDetail = NonNullable<Awaited<ReturnType<typeof userDetail>>>;
