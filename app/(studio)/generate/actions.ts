'use server';
import { z } from 'zod';
import { ok } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { cancelGeneration } from '@/server/generations/cancel';
import { createGeneration } from '@/server/generations/create';
import { listFeed } from '@/server/generations/feed';
import { uploadFromImage } from '@/server/uploads/upload-from-image';

// The settings are parsed by createGeneration, the same for the API, which names each culprit.
export const createGenerationAction = userAction(z.record(z.string(), z.unknown()), async (input, user) =>
  createGeneration(user.id, input),
);

export const cancelGenerationAction = userAction(
  z.object({ id: z.string({ error: 'Generation not found.' }) }, { error: 'Generation not found.' }),
  async ({ id }, user) => cancelGeneration(user.id, id),
);

/** A page of the generator's feed, newest first; the first page comes with the page itself. */
export const loadFeedAction = userAction(z.object({ cursor: z.string().max(200).nullable().default(null) }), async ({ cursor }, user) =>
  ok({ page: await listFeed(user.id, cursor) }),
);

/** "Vary": an init-image upload made from one of the user's own images; Generate then sends its id. */
export const uploadFromImageAction = userAction(
  z.object({ imageId: z.string({ error: 'Choose an image to vary.' }) }, { error: 'Choose an image to vary.' }),
  async ({ imageId }, user) => uploadFromImage(user.id, imageId),
);
