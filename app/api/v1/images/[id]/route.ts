import { apiRoute, reply } from '@/server/api/v1/handler';
import { deleteImageForApi, describeImage, updateImageForApi } from '@/server/api/v1/images';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>({ scope: 'read' }, async ({ req, caller, params }) => {
  const found = await describeImage(caller.user.id, params.id, new URL(req.url).origin);
  return found.ok ? reply(found.image) : found;
});

// Starring changes the account's data, so it takes the write scope, as DELETE does. `post` reads
// the bounded JSON body (and honours an Idempotency-Key, harmless on a PATCH).
export const PATCH = apiRoute<{ id: string }>({ scope: 'generate', post: true }, async ({ req, caller, params, body }) => {
  const updated = await updateImageForApi(caller.user.id, params.id, body, new URL(req.url).origin);
  return updated.ok ? reply(updated.image) : updated;
});

// Deleting is a change to the account, so it takes the write scope, as queueing a generation does.
export const DELETE = apiRoute<{ id: string }>({ scope: 'generate' }, async ({ caller, params }) => {
  const deleted = await deleteImageForApi(caller.user.id, params.id);
  return deleted.ok ? reply(deleted.deleted) : deleted;
});
