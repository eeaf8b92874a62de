import { apiRoute, reply } from '@/server/api/v1/handler';
import { listImagesForApi } from '@/server/api/v1/images';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ scope: 'read' }, async ({ req, caller }) => {
  const url = new URL(req.url);
  const listed = await listImagesForApi(caller.user.id, Object.fromEntries(url.searchParams), url.origin);
  return listed.ok ? reply(listed.page) : listed;
});
