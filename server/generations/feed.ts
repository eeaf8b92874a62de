import 'server-only';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { generations } from '../db/schema';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor';
import { PROMPT_HISTORY_MAX } from '../../domain/prompt-history';
import { getGeneration, type GenerationView } from './read';

export const FEED_PAGE_SIZE = 12;

export type FeedPage = { items: NonNullable<GenerationView>[]; nextCursor: string | null };

/**
 * The generator's feed: the user's generations, newest first (running, queued and finished alike),
 * each drawn from the server's state as getGeneration draws one. Keyset-paged over (created_at, id).
 */
export async function listFeed(userId: string, cursor: string | null = null, limit = FEED_PAGE_SIZE): Promise<FeedPage> {
  const after = decodeCursor(cursor);
  // Compared at the cursor's millisecond precision, as the REST list does (Postgres keeps microseconds).
  const createdMs = sql<Date>`date_trunc('milliseconds', ${generations.createdAt})`;
  const afterMs = after ? sql`${after.createdAt.toISOString()}::timestamptz` : null;
  const rows = await db()
    .select({ id: generations.id, createdAt: generations.createdAt })
    .from(generations)
    .where(
      and(
        eq(generations.userId, userId),
        after && afterMs ? or(lt(createdMs, afterMs), and(eq(createdMs, afterMs), lt(generations.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(createdMs), desc(generations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const views = await Promise.all(page.map((r) => getGeneration(userId, r.id)));
  const last = page.at(-1);
  return {
    items: views.filter((v): v is NonNullable<GenerationView> => v !== null),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** The user's last distinct prompts, newest first, for the prompt history under the prompt box. */
export async function recentPrompts(userId: string, limit = PROMPT_HISTORY_MAX): Promise<string[]> {
  const prompt = sql<string>`${generations.params}->>'prompt'`;
  const rows = await db()
    .select({ prompt, last: sql`max(${generations.createdAt})` })
    .from(generations)
    .where(eq(generations.userId, userId))
    .groupBy(prompt)
    .orderBy(desc(sql`max(${generations.createdAt})`))
    .limit(limit);
  return rows.map((r) => r.prompt).filter(Boolean);
}
