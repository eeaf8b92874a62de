import { apiRoute, reply } from '@/server/api/v1/handler';
import { deleteWebhookEndpoint, getWebhookEndpoint } from '@/server/webhooks/manage-endpoints';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>({ scope: 'webhooks' }, async ({ caller, params }) => {
  const found = await getWebhookEndpoint(caller.user.id, params.id);
  return found.ok ? reply(found.endpoint) : found;
});

export const DELETE = apiRoute<{ id: string }>({ scope: 'webhooks' }, async ({ caller, params }) => {
  const deleted = await deleteWebhookEndpoint(caller.user, params.id);
  return deleted.ok ? reply({ id: deleted.endpoint.id, deleted: true }) : deleted;
});
