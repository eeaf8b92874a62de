import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';

/**
 * The gallery's search and filters as the page's URL and GET /api/v1/images carry them, parsed
 * once. An empty value (a cleared form field) is the same as an absent one.
 */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blank, schema.optional());
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const galleryQuerySchema = z.object({
  q: optional(z.string().trim().max(200)).meta({
    description: 'Words, all of which must appear in the prompt, negative prompt, style or model: whole words, or parts of words of 3 letters or more. `"a phrase"` and `-word` work as in a web search.',
  }),
  favourite: optional(z.enum(['true', 'false']).transform((v) => v === 'true')).meta({ description: '`true`: only starred images; `false`: only the others.' }),
  model: optional(z.string().max(100)).meta({ description: 'The model id, exactly.' }),
  sampler: optional(z.string().max(40)),
  style: optional(z.string().max(60)).meta({ description: 'The style slug.' }),
  size: optional(z.string().regex(/^\d{1,5}x\d{1,5}$/, 'Size is WIDTHxHEIGHT, e.g. 512x512.')).meta({ description: 'The image\'s size in pixels, `WIDTHxHEIGHT`.' }),
  from: optional(dayOrInstant).meta({ description: 'Created at or after: a date (`2026-11-01`, from its start, UTC) or a date-time.' }),
  to: optional(dayOrInstant).meta({ description: 'Created at or before: a date (through its end, UTC) or a date-time.' }),
  order: optional(z.enum(['newest', 'oldest'])).meta({ description: 'newest (the default) or oldest first.' }),
});

export type GalleryQuery = z.infer<typeof galleryQuerySchema>;

export type GalleryFilters = {
  q?: string;
  favourite?: boolean;
  model?: string;
  sampler?: string;
  style?: string;
  size?: { width: number; height: number };
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound: a day `to` becomes the next midnight. */
  before?: Date;
  order: 'newest' | 'oldest';
};

export function filtersOf(query: GalleryQuery): GalleryFilters {
  const [width, height] = query.size ? query.size.split('x').map(Number) : [];
  const before = query.to === undefined ? undefined : DAY.test(query.to) ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : new Date(Date.parse(query.to) + 1);
  return {
    q: query.q,
    favourite: query.favourite,
    model: query.model,
    sampler: query.sampler,
    style: query.style,
    size: width && height ? { width, height } : undefined,
    from: query.from === undefined ? undefined : new Date(DAY.test(query.from) ? `${query.from}T00:00:00Z` : query.from),
    before,
    order: query.order ?? 'newest',
  };
}

/** For the API: a value that does not parse is refused, naming its parameter. */
export function parseGalleryQuery(query: Record<string, unknown>): Result<{ query: GalleryQuery }> {
  const parsed = galleryQuerySchema.safeParse(query);
  if (parsed.success) return ok({ query: parsed.data });
  const issue = parsed.error.issues[0];
  const param = String(issue?.path[0] ?? 'q');
  return fail('invalid', `${param}: ${issue?.message ?? 'Invalid.'}`, { [param]: 'Invalid.' });
}

/** For the page: a bookmark with one bad value still opens, that value ignored. */
export function lenientGalleryQuery(query: Record<string, unknown>): GalleryQuery {
  const kept: Record<string, unknown> = { ...query };
  for (let tries = 0; tries < 10; tries++) {
    const parsed = galleryQuerySchema.safeParse(kept);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) delete kept[String(issue.path[0])];
  }
  return { };
}
