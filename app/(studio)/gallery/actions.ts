'use server';
import { z } from 'zod';
import { fail, ok } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { deleteImage } from '@/server/gallery/images';
import { setFavourite } from '@/server/gallery/favourite';
import { searchImages } from '@/server/gallery/search';
import { filtersOf, lenientGalleryQuery } from '@/server/gallery/search-filters';
import { dismissNotice } from '@/server/moderation/notices';

export const deleteImageAction = userAction(
  z.object({ id: z.string({ error: 'Image not found.' }) }, { error: 'Image not found.' }),
  async ({ id }, user) => deleteImage(user.id, id),
);

export const dismissNoticeAction = userAction(z.object({ id: z.int() }), async ({ id }, user) =>
  (await dismissNotice(user.id, id)) ? ok() : fail('not_found', 'That notice is not yours or was already dismissed.'),
);

/** One page of the grid for the page's URL query (read as the page reads it: a bad value is ignored). */
export const listGalleryAction = userAction(
  z.object({ query: z.record(z.string(), z.string()), cursor: z.string().max(200).nullable() }),
  async ({ query, cursor }, user) => ok(await searchImages(user.id, filtersOf(lenientGalleryQuery(query)), cursor)),
);

export const setFavouriteAction = userAction(
  z.object({ id: z.string({ error: 'Image not found.' }), favourite: z.boolean() }),
  async ({ id, favourite }, user) => setFavourite(user.id, id, favourite),
);
