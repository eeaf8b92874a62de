import type { TierCounts } from '@/server/admin/workers-overview';
import type { Tier } from '@/domain/plans';
import { TIERS } from '@/domain/plans';
import type { Result } from '@/domain/result';
import { ScrollBox } from '@/components/ui/ScrollBox';

type Props = { queues: Result<{ tiers: TierCounts[] }>; generations: Record<Tier, { queued: number; running: number }> };

const cell = 'px-3 py-2 text-right tabular-nums';

/** BullMQ's counts beside Postgres' statuses: a gap between them is what the reconciler repairs. */
export function QueueTable({ queues, generations }: Props) {
  const counts = queues.ok ? new Map(queues.tiers.map((t) => [t.tier, t])) : null;
  const show = (v: number | undefined) => (v === undefined ? '—' : v.toLocaleString('en-US'));
  return (
    <ScrollBox label="Jobs per tier">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Jobs per tier</caption>
        <thead className="bg-panel text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">Tier</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Waiting</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Delayed retries</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Active</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Failed (kept 7 days)</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Completed (kept 24 h)</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Queued in database</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Running in database</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => {
            const c = counts?.get(tier);
            return (
              <tr key={tier} className="border-t border-edge">
                <th scope="row" className="px-3 py-2 text-left font-medium">{tier}</th>
                <td className={cell}>{show(c?.waiting)}</td>
                <td className={cell}>{show(c?.delayed)}</td>
                <td className={cell}>{show(c?.active)}</td>
                <td className={`${cell} ${c?.failed ? 'text-red-300' : ''}`}>{show(c?.failed)}</td>
                <td className={cell}>{show(c?.completed)}</td>
                <td className={cell}>{show(generations[tier].queued)}</td>
                <td className={cell}>{show(generations[tier].running)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}
