import 'server-only';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../domain/result';
import { deleteImage, getImage } from '../../gallery/images';
import { setFavourite } from '../../gallery/favourite';
import { decodeGalleryCursor } from '../../gallery/gallery-cursor';
import { searchImages } from '../../gallery/search';
import { filtersOf, galleryQuerySchema, parseGalleryQuery } from '../../gallery/search-filters';
import { absolute, generationParamsSchema, listQuerySchema } from './generations';

export const imagePath = (id: string) => `/api/v1/images/${id}`;

const signedUrl = z.url().meta({ description: 'A signed URL, valid for SIGNED_URL_TTL_SECONDS (1 hour by default); fetch the image again for a fresh one.' });

export const imageSummarySchema = z.object({
  id: z.uuid(),
  url: signedUrl.meta({ description: 'The PNG; while the image awaits review, its blurred thumbnail.' }),
  thumbUrl: signedUrl.meta({ description: 'A small WebP thumbnail.' }),
  width: z.number().int(),
  height: z.number().int(),
  pending: z.boolean().meta({ description: 'Awaiting a moderator: only the blurred thumbnail can be seen.' }),
  prompt: z.string(),
  model: z.string(),
  sampler: z.string(),
  style: z.string().nullable().meta({ description: 'The style slug; null without one.' }),
  favourite: z.boolean().meta({ description: 'Starred by its owner (PATCH to change).' }),
  createdAt: z.iso.datetime(),
});

/** GET /api/v1/images: a page, and the gallery's search and filters (server/gallery/search.ts). */
export const imageListQuerySchema = listQuerySchema.extend(galleryQuerySchema.shape);

export const imageUpdateSchema = z.strictObject({
  favourite: z.boolean().meta({ description: 'Star (true) or unstar the image.' }),
});

export const imageListSchema = z.object({
  data: z.array(imageSummarySchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
});

export const imageSchema = imageSummarySchema.omit({ prompt: true, model: true, sampler: true, style: true }).extend({
  generationId: z.uuid(),
  downloadUrl: signedUrl.nullable().meta({ description: 'The PNG as an attachment; null while the image awaits review.' }),
  seed: z.number().int(),
  mime: z.string(),
  size: z.number().int().meta({ description: 'Bytes.' }),
  sha256: z.string(),
  params: generationParamsSchema,
  timings: z.record(z.string(), z.unknown()).nullable(),
});

export const imageDeletedSchema = z.object({ id: z.uuid(), deleted: z.literal(true) });

/** The caller's images, searched and filtered as the gallery page does; a cursor it did not hand out is refused. */
export async function listImagesForApi(userId: string, query: Record<string, unknown>, origin: string): Promise<Result<{ page: z.infer<typeof imageListSchema> }>> {
  const paging = listQuerySchema.safeParse({ cursor: query.cursor, limit: query.limit });
  if (!paging.success) {
    const param = String(paging.error.issues[0]?.path[0] ?? 'limit');
    return fail('invalid', paging.error.issues[0]?.message ?? 'Invalid query.', { [param]: 'Invalid.' });
  }
  const search = parseGalleryQuery(query);
  if (!search.ok) return search;
  const { cursor, limit } = paging.data;
  // The gallery reads a cursor it cannot parse as "page one"; an API client should hear about it.
  if (cursor && !decodeGalleryCursor(cursor)) return fail('invalid', 'This cursor is not one this API returned.', { cursor: 'Invalid.' });
  const { items, nextCursor } = await searchImages(userId, filtersOf(search.query), cursor ?? null, limit);
  return ok({
    page: {
      data: items.map((i) => ({
        id: i.id,
        url: absolute(i.url, origin),
        thumbUrl: absolute(i.thumbUrl, origin),
        width: i.width,
        height: i.height,
        pending: i.pending,
        prompt: i.prompt,
        model: i.model,
        sampler: i.sampler,
        style: i.style,
        favourite: i.favourite,
        createdAt: i.createdAt,
      })),
      nextCursor,
    },
  });
}

export async function describeImage(userId: string, id: string, origin: string): Promise<Result<{ image: z.infer<typeof imageSchema> }>> {
  const found = await getImage(userId, id);
  if (!found) return fail('not_found', 'Image not found.');
  return ok({
    image: {
      id: found.id,
      generationId: found.generationId,
      url: absolute(found.url, origin),
      thumbUrl: absolute(found.thumbUrl, origin),
      downloadUrl: found.downloadUrl === null ? null : absolute(found.downloadUrl, origin),
      width: found.width,
      height: found.height,
      pending: found.pending,
      favourite: found.favourite,
      seed: found.seed,
      mime: found.mime,
      size: found.size,
      sha256: found.sha256,
      params: found.params,
      timings: found.timings,
      createdAt: found.createdAt,
    },
  });
}

/** Deletes the image and its stored files, as the gallery's delete button does. */
export async function deleteImageForApi(userId: string, id: string): Promise<Result<{ deleted: z.infer<typeof imageDeletedSchema> }>> {
  const deleted = await deleteImage(userId, id);
  return deleted.ok ? ok({ deleted: { id, deleted: true as const } }) : deleted;
}

/** PATCH /api/v1/images/:id: `{favourite}` for now; answers the image as GET shows it. */
export async function updateImageForApi(userId: string, id: string, body: unknown, origin: string): Promise<Result<{ image: z.infer<typeof imageSchema> }>> {
  const parsed = imageUpdateSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = String(issue?.path[0] ?? (issue && 'keys' in issue ? issue.keys[0] : 'favourite'));
    return fail('invalid', issue?.message ?? 'Invalid body.', { [param]: 'Invalid.' });
  }
  const updated = await setFavourite(userId, id, parsed.data.favourite);
  return updated.ok ? describeImage(userId, id, origin) : updated;
}
