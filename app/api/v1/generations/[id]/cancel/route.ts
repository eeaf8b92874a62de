import { apiRoute, reply } from '@/server/api/v1/handler';
import { cancelForApi } from '@/server/api/v1/generations';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>({ scope: 'generate', post: true }, async ({ caller, params }) => {
  const cancelled = await cancelForApi(caller.user.id, params.id);
  return cancelled.ok ? reply(cancelled.outcome) : cancelled;
});
