'use client';
import { useEffect, useRef } from 'react';
import type { RemixMode } from '@/domain/remix';
import type { ActionState } from '@/server/auth/action';
import type { CancelOutcome } from '@/server/generations/cancel';
import type { GeneratedImage } from '@/server/realtime/events';
import { FeedCard } from './FeedCard';
import type { GenerationState } from './generation-state';

type Props = {
  items: GenerationState[];
  cancel: (input: { id: string }) => Promise<ActionState<CancelOutcome>>;
  onRemix: (g: GenerationState, image: GeneratedImage, mode: RemixMode) => Promise<string | null>;
  /** The card to bring into view once it is drawn (the one just submitted). */
  reveal: string | null;
  onRevealed: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  loadError: string | null;
};

/** The user's generations, newest first: running, queued and finished side by side. */
export function GenerationFeed({ items, cancel, onRemix, reveal, onRevealed, hasMore, loadingMore, onMore, loadError }: Props) {
  const cards = useRef(new Map<string, HTMLElement>());
  useEffect(() => {
    if (!reveal) return;
    const card = cards.current.get(reveal);
    if (!card) return;
    card.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    onRevealed();
  }, [reveal, items, onRevealed]);

  if (items.length === 0) {
    return (
      <div className="flex min-h-[240px] items-center justify-center rounded-xl border border-dashed border-edge p-6 text-center text-muted lg:min-h-[480px]">
        Your generations will appear here, newest first. Several can run at once.
      </div>
    );
  }
  return (
    <section aria-label="Your generations" className="space-y-4">
      <ul className="grid gap-4 xl:grid-cols-2">
        {items.map((g) => (
          <li key={g.id} className="min-w-0">
            <FeedCard
              ref={(el) => {
                if (el) cards.current.set(g.id, el);
                else cards.current.delete(g.id);
              }}
              initial={g}
              cancel={cancel}
              onRemix={onRemix}
            />
          </li>
        ))}
      </ul>
      {loadError && <p role="alert" className="text-sm text-red-400">{loadError}</p>}
      {hasMore && (
        <button type="button" onClick={onMore} disabled={loadingMore} className="w-full rounded-md border border-edge py-2 text-sm hover:bg-edge disabled:opacity-60">
          {loadingMore ? 'Loading…' : 'Show older generations'}
        </button>
      )}
    </section>
  );
}
