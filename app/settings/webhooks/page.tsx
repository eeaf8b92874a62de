import Link from 'next/link';
import { CreateWebhookForm } from '@/components/account/webhooks/CreateWebhookForm';
import { WebhookEndpointCard } from '@/components/account/webhooks/WebhookEndpointCard';
import { panel } from '@/components/account/FormMessage';
import { requireUser } from '@/server/auth/session';
import { listDeliveries } from '@/server/webhooks/deliveries';
import { WEBHOOK_EVENTS } from '@/server/webhooks/events';
import { listWebhookEndpoints } from '@/server/webhooks/manage-endpoints';
import { MAX_ENDPOINTS } from '@/server/webhooks/webhook-input';
import {
  createWebhookAction,
  deleteWebhookAction,
  enableWebhookAction,
  replayDeliveryAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
} from './actions';

export const metadata = { title: 'Webhooks · Kumori' };
export const dynamic = 'force-dynamic';

export default async function WebhooksPage() {
  const user = await requireUser();
  const endpoints = await listWebhookEndpoints(user.id);
  const logs = await Promise.all(endpoints.map(async (e) => {
    const listed = await listDeliveries(user.id, e.id);
    return listed.ok ? listed.deliveries : [];
  }));
  const actions = {
    remove: deleteWebhookAction,
    rotate: rotateWebhookSecretAction,
    enable: enableWebhookAction,
    test: sendTestEventAction,
    replay: replayDeliveryAction,
  };
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-2">
        <Link href="/settings" className="text-sm text-zinc-400 hover:text-white">← Settings</Link>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="text-sm text-zinc-400">
          Kumori POSTs events to your endpoints as JSON, signed as the Standard Webhooks specification says (<code>webhook-id</code>,{' '}
          <code>webhook-timestamp</code>, <code>webhook-signature</code>). Verify each one with its secret, and answer 2xx within 15 seconds; failed
          deliveries are retried for about three days. You may add {MAX_ENDPOINTS} endpoints.
        </p>
      </div>
      <CreateWebhookForm action={createWebhookAction} events={WEBHOOK_EVENTS} />
      <section aria-labelledby="endpoints-title" className={panel}>
        <h2 id="endpoints-title" className="text-lg font-semibold">Your endpoints</h2>
        {endpoints.length === 0 && <p className="text-sm text-zinc-400">No webhook endpoints yet.</p>}
        {endpoints.map((e, i) => (
          <WebhookEndpointCard key={e.id} endpoint={e} deliveries={logs[i]!} actions={actions} />
        ))}
      </section>
    </div>
  );
}
