'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionState } from '@/domain/result';
import type { DeliverySummary } from '@/server/webhooks/deliveries';
import { Time } from '../../ui/Time';
import { FormMessage } from '../FormMessage';
import { ScrollBox } from '../../ui/ScrollBox';

export type ReplayAction = (input: { endpointId: string; deliveryId: string }) => Promise<ActionState>;
type Props = { endpointId: string; deliveries: DeliverySummary[]; replay: ReplayAction };

/** The endpoint's latest deliveries; a finished one can be sent again. Refresh reads the log anew (deliveries run in a worker). */
export function DeliveryLog({ endpointId, deliveries, replay }: Props) {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(undefined);
  const [pending, startTransition] = useTransition();
  const again = (deliveryId: string) => startTransition(async () => setState(await replay({ endpointId, deliveryId })));
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-medium">Deliveries</h3>
        <button type="button" onClick={() => startTransition(() => router.refresh())} className="text-sm text-link underline underline-offset-2 hover:decoration-2">Refresh</button>
      </div>
      <ScrollBox label="Deliveries table" className="">
        <table className="w-full min-w-[36rem] text-sm">
          <caption className="sr-only">Deliveries to this endpoint, newest first</caption>
          <thead className="text-left text-zinc-400">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Event</th>
              <th scope="col" className="py-1 pr-3 font-medium">State</th>
              <th scope="col" className="py-1 pr-3 font-medium">Attempts</th>
              <th scope="col" className="py-1 pr-3 font-medium">Status</th>
              <th scope="col" className="py-1 pr-3 font-medium">Duration</th>
              <th scope="col" className="py-1 pr-3 font-medium">Created</th>
              <th scope="col" className="py-1 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} className="border-t border-edge align-top">
                <td className="py-2 pr-3">
                  {d.event}
                  <div className="font-mono text-xs text-muted">{d.id}</div>
                </td>
                <td className="py-2 pr-3" title={d.error ?? undefined}>{d.state}</td>
                <td className="py-2 pr-3">{d.attempts}</td>
                <td className="py-2 pr-3">{d.statusCode ?? '—'}</td>
                <td className="py-2 pr-3">{d.durationMs === null ? '—' : `${d.durationMs} ms`}</td>
                <td className="whitespace-nowrap py-2 pr-3"><Time value={d.createdAt} /></td>
                <td className="py-2 text-right">
                  {d.state !== 'pending' && (
                    <button type="button" disabled={pending} onClick={() => again(d.id)} aria-label={`Replay ${d.event} ${d.id}`} className="rounded-md border border-edge px-3 py-1 hover:bg-edge/60">
                      Replay
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {deliveries.length === 0 && (
              <tr>
                <td colSpan={7} className="py-3 text-center text-zinc-400">Nothing sent yet.</td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollBox>
      <FormMessage state={state} />
    </div>
  );
}
