'use client';
import { useState, useTransition } from 'react';
import type { ActionState } from '@/domain/result';
import type { DeliverySummary } from '@/server/webhooks/deliveries';
import type { WebhookEndpointSummary } from '@/server/webhooks/manage-endpoints';
import { Time } from '../../ui/Time';
import { FormMessage, secondaryButton } from '../FormMessage';
import { DeliveryLog, type ReplayAction } from './DeliveryLog';
import { NewWebhookSecret } from './NewWebhookSecret';

type EndpointAction<T extends object = object> = (input: { endpointId: string }) => Promise<ActionState<T>>;
export type EndpointActions = {
  remove: EndpointAction;
  rotate: EndpointAction<{ secret: string }>;
  enable: EndpointAction;
  test: EndpointAction;
  replay: ReplayAction;
};

type Props = { endpoint: WebhookEndpointSummary; deliveries: DeliverySummary[]; actions: EndpointActions };

/** One endpoint: its state, what it receives, its actions (deleting and rotating ask first) and its delivery log. */
export function WebhookEndpointCard({ endpoint: e, deliveries, actions }: Props) {
  const [confirming, setConfirming] = useState<'remove' | 'rotate' | null>(null);
  const [state, setState] = useState<ActionState<{ secret?: string }>>(undefined);
  const [pending, startTransition] = useTransition();
  const run = (action: EndpointAction<{ secret?: string }>) =>
    startTransition(async () => {
      setState(await action({ endpointId: e.id }));
      setConfirming(null);
    });
  return (
    <article aria-label={`Endpoint ${e.url}`} className="space-y-3 border-t border-edge pt-4">
      <div>
        <p className="break-all font-mono text-sm">{e.url}</p>
        <p className="text-xs text-zinc-400">
          {e.enabled ? (e.failingSince ? <>Enabled · failing since <Time value={e.failingSince} /></> : 'Enabled') : `Disabled: ${e.disabledReason ?? 'no reason recorded'}`}
          {e.previousSecretExpiresAt && <> · previous secret signs until <Time value={e.previousSecretExpiresAt} /></>}
        </p>
        <p className="text-xs text-zinc-400">Events: {e.events.join(', ')}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {e.enabled ? (
          <button type="button" disabled={pending} onClick={() => run(actions.test)} className={secondaryButton}>Send test event</button>
        ) : (
          <button type="button" disabled={pending} onClick={() => run(actions.enable)} className={secondaryButton}>Enable again</button>
        )}
        {confirming === 'rotate' ? (
          <>
            <span>Make a new secret? The old one keeps signing for 24 hours.</span>
            <button type="button" disabled={pending} onClick={() => run(actions.rotate)} className={secondaryButton}>Yes, rotate</button>
            <button type="button" disabled={pending} onClick={() => setConfirming(null)} className={secondaryButton}>Cancel</button>
          </>
        ) : confirming === 'remove' ? (
          <>
            <span>Delete this endpoint and its log?</span>
            <button type="button" disabled={pending} onClick={() => run(actions.remove)} className="rounded-md bg-red-600 px-3 py-2 font-medium text-white hover:bg-red-500 disabled:opacity-60">Yes, delete</button>
            <button type="button" disabled={pending} onClick={() => setConfirming(null)} className={secondaryButton}>Cancel</button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => setConfirming('rotate')} className={secondaryButton}>Rotate secret</button>
            <button type="button" onClick={() => setConfirming('remove')} className="rounded-md border border-red-500/60 px-3 py-2 text-red-200 hover:bg-red-500/10">Delete</button>
          </>
        )}
      </div>
      <FormMessage state={state} />
      {state?.ok && state.secret && <NewWebhookSecret secret={state.secret} label="New signing secret" />}
      <DeliveryLog endpointId={e.id} deliveries={deliveries} replay={actions.replay} />
    </article>
  );
}
