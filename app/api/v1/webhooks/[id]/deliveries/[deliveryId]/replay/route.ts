import { apiRoute, reply } from '@/server/api/v1/handler';
import { replayDelivery } from '@/server/webhooks/deliveries';

export const dynamic = 'force-dynamic';

/** Sends a finished delivery again (same `webhook-id`, fresh signature); 202. */
export const POST = apiRoute<{ id: string; deliveryId: string }>({ scope: 'webhooks', post: true }, async ({ caller, params }) => {
  const replayed = await replayDelivery(caller.user.id, params.id, params.deliveryId);
  return replayed.ok ? reply(replayed.delivery, 202) : replayed;
});
