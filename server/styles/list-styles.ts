import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { StyleSummary } from '../../domain/styles/style-schema';
import { db, type Executor } from '../db/client';
import { styles, type StyleRow } from '../db/style-schema';

export const summaryOf = (row: StyleRow): StyleSummary => ({
  slug: row.slug,
  name: row.name,
  description: row.description,
  previewUrl: row.previewPath,
  overrides: row.overrides,
  effects: row.effects,
});

/** The styles the generator offers, in the admins' order: what the Style control shows and GET /styles lists. */
export async function listActiveStyles(ex: Executor = db()): Promise<StyleSummary[]> {
  const rows = await ex.select().from(styles).where(isNull(styles.retiredAt)).orderBy(asc(styles.position), asc(styles.name));
  return rows.map(summaryOf);
}

/** Every style, retired ones included, for /admin/styles. */
export async function listAllStyles(ex: Executor = db()): Promise<StyleRow[]> {
  return ex.select().from(styles).orderBy(asc(styles.position), asc(styles.name));
}

/** A style a new request may use: it exists and is not retired. */
export async function findActiveStyle(slug: string, ex: Executor = db()): Promise<StyleRow | null> {
  const [row] = await ex.select().from(styles).where(and(eq(styles.slug, slug), isNull(styles.retiredAt)));
  return row ?? null;
}
