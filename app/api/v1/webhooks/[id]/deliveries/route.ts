import { apiRoute, reply } from '@/server/api/v1/handler';
import { listDeliveries } from '@/server/webhooks/deliveries';

export const dynamic = 'force-dynamic';

/** The endpoint's latest deliveries, newest first: event, state, attempts, last status code and duration. */
export const GET = apiRoute<{ id: string }>({ scope: 'webhooks' }, async ({ caller, params }) => {
  const listed = await listDeliveries(caller.user.id, params.id);
  return listed.ok ? reply({ data: listed.deliveries }) : listed;
});
