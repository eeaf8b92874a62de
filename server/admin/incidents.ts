import 'server-only';
import { and, desc, eq, ilike, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Executor } from '../db/client';
import { users } from '../db/schema';
import { promptIncidents } from '../db/safety-schema';

const PAGE = 50;
// A value the page cannot use is dropped rather than refused: a stale or hand-edited link still shows the log.
const optionalText = z.string().trim().max(200).optional().catch(undefined).transform((s) => s || undefined);

/** The log's GET parameters; `before` is the id of the last row of the previous page. */
export const incidentFilterSchema = z.object({
  user: optionalText,
  category: optionalText,
  source: optionalText,
  action: z.enum(['block', 'flag']).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type IncidentFilter = z.infer<typeof incidentFilterSchema>;

export type IncidentRow = {
  id: number;
  createdAt: Date;
  userId: string;
  userEmail: string;
  action: 'block' | 'flag';
  source: string;
  field: string;
  category: string;
  term: string;
  prompt: string;
  negativePrompt: string;
};

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Newest first, paged by id (ids grow with time, and unlike timestamps never tie). */
export async function listIncidents(f: IncidentFilter, limit = PAGE, ex: Executor = db()): Promise<{ rows: IncidentRow[]; next: number | null }> {
  const where: SQL[] = [];
  if (f.user) where.push(ilike(users.email, `%${escapeLike(f.user)}%`));
  if (f.category) where.push(eq(promptIncidents.category, f.category));
  if (f.source) where.push(eq(promptIncidents.source, f.source));
  if (f.action) where.push(eq(promptIncidents.action, f.action));
  if (f.before) where.push(lt(promptIncidents.id, f.before));
  const rows = await ex
    .select({
      id: promptIncidents.id,
      createdAt: promptIncidents.createdAt,
      userId: promptIncidents.userId,
      userEmail: users.email,
      action: promptIncidents.action,
      source: promptIncidents.source,
      field: promptIncidents.field,
      category: promptIncidents.category,
      term: promptIncidents.term,
      prompt: promptIncidents.prompt,
      negativePrompt: promptIncidents.negativePrompt,
    })
    .from(promptIncidents)
    .innerJoin(users, eq(users.id, promptIncidents.userId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(promptIncidents.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null };
}

/** The categories and sources that occur in the log, for the filter menus (deleted categories included). */
export async function incidentFacets(ex: Executor = db()): Promise<{ categories: string[]; sources: string[] }> {
  const [categories, sources] = await Promise.all([
    ex.selectDistinct({ v: promptIncidents.category }).from(promptIncidents).orderBy(promptIncidents.category),
    ex.selectDistinct({ v: promptIncidents.source }).from(promptIncidents).orderBy(promptIncidents.source),
  ]);
  return { categories: categories.map((r) => r.v), sources: sources.map((r) => r.v) };
}
