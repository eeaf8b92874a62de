'use server';
import { z } from 'zod';
import { fail, ok } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { deleteImage } from '@/server/gallery/images';
import { dismissNotice } from '@/server/moderation/notices';

export const deleteImageAction = userAction(
  z.object({ id: z.string({ error: 'Image not found.' }) }, { error: 'Image not found.' }),
  async ({ id }, user) => deleteImage(user.id, id),
);

export const dismissNoticeAction = userAction(z.object({ id: z.int() }), async ({ id }, user) =>
  (await dismissNotice(user.id, id)) ? ok() : fail('not_found', 'That notice is not yours or was already dismissed.'),
);
