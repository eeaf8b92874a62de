import { apiRoute, reply } from '@/server/api/v1/handler';
import { sendTestEvent } from '@/server/webhooks/manage-endpoints';

export const dynamic = 'force-dynamic';

/** Queues a `webhook.test` message; 202 with the delivery's id (its `webhook-id`). */
export const POST = apiRoute<{ id: string }>({ scope: 'webhooks', post: true }, async ({ caller, params }) => {
  const sent = await sendTestEvent(caller.user.id, params.id);
  return sent.ok ? reply({ deliveryId: sent.deliveryId }, 202) : sent;
});
