import 'server-only';
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client';
import { generations, images } from '../db/schema';
import { toGeneratedImage } from './image-urls';
import { decodeGalleryCursor, encodeGalleryCursor } from './gallery-cursor';
import type { GalleryFilters } from './search-filters';

export const PAGE_SIZE = 24;
const MAX_WORDS = 8;
/** Trigrams need three letters; a shorter word can only match whole (the tsvector). */
const PARTIAL_MIN = 3;

/**
 * What `q` matches, over prompt, negative prompt, style and model (generations.search_text, lower
 * case, and search_vector, drizzle/0015). Every word must match:
 * - plain words: a word of 3 letters or more anywhere, in any case, even inside another word
 *   (LIKE '%astro%' on the lower-cased text, served by the pg_trgm index), so "astro cat" finds
 *   "An astronaut cat"; a shorter word only as a whole word (the tsvector), so "a" is not "cat";
 * - with web-search syntax (`"a phrase"`, `-word`, `or`): websearch_to_tsquery('simple', q), whole
 *   words; 'simple' because prompts are in no one language and "running" should not find "run".
 * Plain words do not also try the full text: a whole-word match is a substring match too, and an
 * OR of the two indexes costs Postgres its index plans. LIKE on lower-cased text, not ILIKE,
 * because ILIKE folds case per row and is an order of magnitude slower (bench/gallery.ts).
 */
export function searchCondition(q: string): SQL | undefined {
  const text = q.trim();
  if (!text) return undefined;
  const isPlain = !/"/.test(text) && !/(^|\s)(-|or\s)/i.test(text);
  if (!isPlain) return sql`${generations.searchVector} @@ websearch_to_tsquery('simple', ${text})`;
  const words = [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, MAX_WORDS);
  if (words.length === 0) return sql`false`;
  return and(
    ...words.map((w) =>
      w.length >= PARTIAL_MIN
        ? sql`${generations.searchText} like '%' || lower(${w}) || '%'`
        : sql`${generations.searchVector} @@ plainto_tsquery('simple', ${w})`,
    ),
  );
}

/** The filters on the generation's request (drizzle/0015 keeps statistics on these expressions). */
function generationConditions(f: GalleryFilters): (SQL | undefined)[] {
  return [
    f.model === undefined ? undefined : sql`${generations.params}->>'model' = ${f.model}`,
    f.sampler === undefined ? undefined : sql`${generations.params}->>'sampler' = ${f.sampler}`,
    f.style === undefined ? undefined : sql`${generations.params}->>'style' = ${f.style}`,
  ];
}

function imageConditions(userId: string, f: GalleryFilters): (SQL | undefined)[] {
  return [
    eq(images.userId, userId),
    sql`${images.moderation} <> 'rejected'`,
    // Literal, not a bound parameter, so the planner can prove the partial favourites index applies.
    f.favourite === true ? sql`${images.favourite}` : f.favourite === false ? sql`not ${images.favourite}` : undefined,
    f.size ? and(eq(images.width, f.size.width), eq(images.height, f.size.height)) : undefined,
    f.from ? gte(images.createdAt, f.from) : undefined,
    f.before ? lt(images.createdAt, f.before) : undefined,
  ];
}

/**
 * Where a search looks. Postgres cannot estimate how many prompts LIKE '%word%' matches, and a
 * wrong guess either walks all 100k images in date order to find none ("zebra") or sorts tens of
 * thousands a common word matched. So it asks: up to RARE matching generations, found through the
 * GIN indexes, are handed to the page query as ids (a handful of index lookups and a small sort);
 * more than that means the word is common, and walking the images in date order finds a page of
 * matches within a few hundred rows. (Not when a common word's matches are all old: then the walk
 * reads every newer image first.)
 */
const RARE = 1000;
export type SearchScope = { generationIds: string[] | null };

export async function searchScope(userId: string, f: GalleryFilters): Promise<SearchScope> {
  if (!f.q?.trim()) return { generationIds: null };
  // Through the GIN indexes only: with the LIMIT, the planner would otherwise bet on a sequential
  // scan stopping early, and a word of middling frequency makes it read (and ILIKE) every row.
  const found = await db().transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_indexscan = off`);
    return tx
      .select({ id: generations.id })
      .from(generations)
      .where(and(eq(generations.userId, userId), searchCondition(f.q!), ...generationConditions(f)))
      .limit(RARE + 1);
  });
  return { generationIds: found.length > RARE ? null : found.map((g) => g.id) };
}

// The cursor keeps Postgres' microseconds (gallery-cursor.ts), so the rows compare on the real
// created_at and the order walks images_user_created_idx (or the favourites index) directly.
const cursorAt = sql<string>`to_char(${images.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The query for one page (limit + 1 rows, to know whether another follows), unexecuted so the
 * bench can EXPLAIN exactly what the page runs.
 */
export function galleryQuery(userId: string, filters: GalleryFilters, scope: SearchScope, cursor: string | null, limit = PAGE_SIZE) {
  const after = decodeGalleryCursor(cursor);
  const newest = filters.order === 'newest';
  const keyset = after
    ? newest
      ? sql`(${images.createdAt}, ${images.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
      : sql`(${images.createdAt}, ${images.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : undefined;
  const direction = newest ? desc : asc;
  return db()
    .select({ image: images, params: generations.params, at: cursorAt })
    .from(images)
    .innerJoin(generations, eq(generations.id, images.generationId))
    .where(
      and(
        ...imageConditions(userId, filters),
        ...generationConditions(filters),
        scope.generationIds
          ? sql`${images.generationId} = any(${`{${scope.generationIds.join(',')}}`}::uuid[])`
          : filters.q
            ? searchCondition(filters.q)
            : undefined,
        keyset,
      ),
    )
    .orderBy(direction(images.createdAt), direction(images.id))
    .limit(limit + 1);
}

/** One page of the user's images matching `filters`, in the gallery's order; `nextCursor` is null on the last page. */
export async function searchImageRows(userId: string, filters: GalleryFilters, cursor: string | null, limit = PAGE_SIZE) {
  const rows = await galleryQuery(userId, filters, await searchScope(userId, filters), cursor, limit);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeGalleryCursor(last.at, last.image.id) : null };
}

export type GalleryItem = Awaited<ReturnType<typeof searchImages>>['items'][number];

/** searchImageRows with each image's signed URLs, as the page and the API show them. */
export async function searchImages(userId: string, filters: GalleryFilters, cursor: string | null, limit = PAGE_SIZE) {
  const { rows, nextCursor } = await searchImageRows(userId, filters, cursor, limit);
  const items = await Promise.all(
    rows.map(async ({ image, params }) => ({
      ...(await toGeneratedImage(image)),
      prompt: params.prompt,
      model: params.model,
      sampler: params.sampler,
      style: params.style ?? null,
      favourite: image.favourite,
      createdAt: image.createdAt.toISOString(),
    })),
  );
  return { items, nextCursor };
}
