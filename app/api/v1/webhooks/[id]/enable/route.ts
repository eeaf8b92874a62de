import { apiRoute, reply } from '@/server/api/v1/handler';
import { enableWebhookEndpoint } from '@/server/webhooks/manage-endpoints';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>({ scope: 'webhooks', post: true }, async ({ caller, params }) => {
  const enabled = await enableWebhookEndpoint(caller.user, params.id);
  return enabled.ok ? reply(enabled.endpoint) : enabled;
});
