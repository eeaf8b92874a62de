import { apiRoute, reply } from '@/server/api/v1/handler';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/server/webhooks/manage-endpoints';

export const dynamic = 'force-dynamic';

/** Adds an endpoint: 201 with its `whsec_` secret, shown this once. */
export const POST = apiRoute({ scope: 'webhooks', post: true, sealedFields: ['secret'], location: (body) => `/api/v1/webhooks/${String(body.id)}` }, async ({ caller, body }) => {
  const created = await createWebhookEndpoint(caller.user, body);
  if (!created.ok) return created;
  const { id, url, events } = created.endpoint;
  return reply({ id, url, events, secret: created.secret }, 201);
});

export const GET = apiRoute({ scope: 'webhooks' }, async ({ caller }) => reply({ data: await listWebhookEndpoints(caller.user.id) }));
