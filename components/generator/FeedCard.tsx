'use client';
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useState } from 'react';
import type { RemixMode } from '@/domain/remix';
import type { ActionState } from '@/server/auth/action';
import type { CancelOutcome } from '@/server/generations/cancel';
import type { GeneratedImage } from '@/server/realtime/events';
import { EditCardLinks } from '../editor/EditLinks';
import { Alert } from '../ui/Alert';
import { fetchGeneration, isActive, type GenerationState } from './generation-state';
import { JobProgress } from './JobProgress';
import { ParamsList } from './ParamsList';
import { RemixActions } from './RemixActions';
import { ResultImages } from './ResultImages';

const summaryOf = (g: GenerationState) => {
  const p = g.params;
  const n = p.n ?? 1;
  return [`${p.width}×${p.height}`, n > 1 ? `${n} images` : null, `${p.steps} steps`, `seed ${p.seed}`, p.model, g.tier[0].toUpperCase() + g.tier.slice(1)]
    .filter(Boolean)
    .join(' · ');
};

type Props = {
  initial: GenerationState;
  cancel: (input: { id: string }) => Promise<ActionState<CancelOutcome>>;
  onRemix: (g: GenerationState, image: GeneratedImage, mode: RemixMode) => Promise<string | null>;
};

/**
 * One generation of the feed, live on its own: socket events patch ['generation', id] (SocketBridge);
 * a slow poll while it runs covers a missed event or a dropped connection.
 */
export const FeedCard = forwardRef<HTMLElement, Props>(function FeedCard({ initial, cancel, onRemix }, ref) {
  const { data } = useQuery({
    queryKey: ['generation', initial.id],
    queryFn: () => fetchGeneration(initial.id),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 5000 : false),
  });
  const g = data ?? initial;
  const [selected, setSelected] = useState(0);
  const [cancelNote, setCancelNote] = useState<string | null>(null);
  const active = isActive(g.status);
  const image = g.images[Math.min(selected, g.images.length - 1)];

  async function onCancel() {
    const r = await cancel({ id: g.id }).catch(() => null);
    setCancelNote(!r ? 'The server could not be reached; try again.' : r.ok ? r.message : r.error.message);
  }

  return (
    <article ref={ref} aria-label={`Generation: ${g.params.prompt}`} data-generation-id={g.id} className="min-w-0 scroll-mt-20 space-y-3 rounded-xl border border-edge bg-panel p-3 sm:p-4">
      <ResultImages generation={g} selected={selected} onSelect={setSelected} />
      <JobProgress generation={g} label="Generation progress" testId="generation-status" />
      {active && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <button type="button" onClick={() => void onCancel()} className="rounded-md border border-edge px-3 py-1.5 hover:bg-edge">
            Cancel
          </button>
          {cancelNote && <span aria-live="polite" className="text-muted">{cancelNote}</span>}
        </div>
      )}
      {(g.status === 'failed' || g.status === 'blocked') && (
        <Alert>
          {g.error ?? 'The generation failed.'} {g.refunded > 0 ? `${g.refunded} credits were refunded.` : ''}
        </Alert>
      )}
      {g.status === 'cancelled' && (
        <Alert tone="info">
          Cancelled. {g.refunded > 0 ? `${g.refunded} credit${g.refunded === 1 ? '' : 's'} refunded.` : 'The steps already run were charged.'}
        </Alert>
      )}
      {g.warnings.length > 0 && (
        <ul aria-label="Warnings" className="space-y-1 rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-200">
          {g.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      {g.status === 'succeeded' && image && (
        <>
          <RemixActions image={image} label={g.images.length > 1 ? `image ${selected + 1}` : 'this image'} onRemix={(img, mode) => onRemix(g, img, mode)} />
          {!image.pending && <EditCardLinks imageId={image.id} label={g.images.length > 1 ? `image ${selected + 1}` : 'this image'} />}
        </>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-300">
          <span className="line-clamp-2 inline break-words">{g.params.prompt}</span>
          <span className="block text-xs text-muted">{summaryOf(g)}</span>
        </summary>
        <div className="mt-2"><ParamsList params={g.params} timings={g.timings} tier={g.tier} /></div>
      </details>
    </article>
  );
});
