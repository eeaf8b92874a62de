import { apiRoute, reply } from '@/server/api/v1/handler';
import { describeGeneration } from '@/server/api/v1/generations';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>({ scope: 'read' }, async ({ req, caller, params }) => {
  const found = await describeGeneration(caller.user.id, params.id, new URL(req.url).origin);
  return found.ok ? reply(found.generation) : found;
});
