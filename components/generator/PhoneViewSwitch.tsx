'use client';
import type { JobCounts } from './use-job-counts';

export type PhoneView = 'create' | 'feed';

type Props = {
  view: PhoneView;
  onChange: (view: PhoneView) => void;
  counts: JobCounts;
  /** The ids of the two panels the buttons show. */
  controls: Record<PhoneView, string>;
};

const segment = (on: boolean) =>
  `flex min-h-11 flex-1 items-center justify-center gap-2 rounded-md px-3 text-sm font-medium ${on ? 'bg-accent text-white' : 'text-zinc-300 hover:bg-edge'}`;

/** "1 running, 2 queued": what the Feed button says after its name. */
function describe({ running, queued }: JobCounts): string | null {
  const parts = [running > 0 ? `${running} running` : null, queued > 0 ? `${queued} queued` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * Below lg the form and the feed do not fit side by side, and the form alone is taller than a
 * phone: this sticky pair of buttons shows one or the other. Both panels stay mounted (hidden by
 * CSS only), so the form's state and every card's live updates carry on in the hidden one.
 */
export function PhoneViewSwitch({ view, onChange, counts, controls }: Props) {
  const jobs = describe(counts);
  return (
    <div role="group" aria-label="Show" className="sticky top-0 z-20 -mx-4 border-b border-edge bg-panel/95 px-4 py-2 backdrop-blur lg:hidden">
      <div className="flex gap-1 rounded-lg border border-edge p-1">
        <button type="button" aria-pressed={view === 'create'} aria-controls={controls.create} onClick={() => onChange('create')} className={segment(view === 'create')}>
          Create
        </button>
        <button type="button" aria-pressed={view === 'feed'} aria-controls={controls.feed} onClick={() => onChange('feed')} className={segment(view === 'feed')}>
          Feed
          {jobs && (
            <span className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${view === 'feed' ? 'bg-white/20' : 'bg-edge'}`}>
              <span className="sr-only">, </span>
              {jobs}
            </span>
          )}
        </button>
      </div>
    </div>
  );
}
