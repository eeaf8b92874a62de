import type { ReactNode } from 'react';
import type { UserDetail } from '@/server/admin/users';
import { Time } from '@/components/ui/Time';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-edge bg-panel p-3">
      <dt className="text-sm text-zinc-400">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

const n = (v: number) => v.toLocaleString('en-US');

export function UsageSummary({ usage }: { usage: UserDetail['usage'] }) {
  const g = usage.generationsByStatus;
  const all = Object.values(g).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-3">
      <dl className="grid gap-3 sm:grid-cols-3">
        <Item label="Generations">{n(all)}</Item>
        <Item label="Credits spent, last 30 days">{n(usage.creditsSpent.last30Days)}</Item>
        <Item label="Credits spent, all time">{n(usage.creditsSpent.allTime)}</Item>
        <Item label="Images">
          {n(usage.images.all)}
          {usage.images.inReview > 0 && <span className="ml-2 text-sm font-normal text-amber-300">{n(usage.images.inReview)} awaiting review</span>}
        </Item>
        <Item label="Blocked prompts (flagged)">
          {n(usage.promptIncidents.blocked)} <span className="text-sm font-normal text-zinc-400">({n(usage.promptIncidents.flagged)})</span>
        </Item>
        <Item label="Last generation">
          <Time value={usage.lastGenerationAt} />
        </Item>
      </dl>
      <p className="text-sm text-zinc-400">
        By status: {Object.entries(g).map(([status, count]) => `${status} ${n(count)}`).join(' · ')}. Spent credits are charges less refunds.
      </p>
    </div>
  );
}
