import type { GenerationState } from './generation-state';
import { statusText } from './status-text';

/** A job's status line, percentage and progress bar: the feed card's and the editor's result. */
export function JobProgress({ generation: g, label, testId }: { generation: GenerationState; label: string; testId: string }) {
  const percent = g.status === 'succeeded' ? 100 : g.steps > 0 ? Math.round((g.step / g.steps) * 100) : 0;
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-3 text-sm">
        <span aria-live="polite" data-testid={testId} className="min-w-0">{statusText(g)}</span>
        <span className="shrink-0 tabular-nums text-muted">{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={g.steps}
        aria-valuenow={g.status === 'succeeded' ? g.steps : g.step}
        className="h-1.5 overflow-hidden rounded-full bg-edge"
      >
        <div className="h-full bg-accent transition-[width] duration-200" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
