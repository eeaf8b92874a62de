'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { gridUp, type Extend } from '@/domain/edit-modes';
import { Alert } from '../ui/Alert';
import { fetchGeneration, isActive, type GenerationState } from '../generator/generation-state';
import { JobProgress } from '../generator/JobProgress';
import { BeforeAfter, type Inset } from './BeforeAfter';
import type { EditSource } from './edit-request';

/** The job an edit started, with what the comparison needs to line the original up with the result. */
export type StartedEdit = { id: string; initial?: GenerationState; extend?: Extend };

function insetOf(source: EditSource, extend: Extend | undefined, width: number, height: number): Inset | undefined {
  if (!extend) return undefined;
  return { left: gridUp(extend.left) / width, top: gridUp(extend.top) / height, width: source.width / width, height: source.height / height };
}

/**
 * The edit's progress and live preview while it runs, then the result against the original.
 * Socket events patch ['generation', id] (SocketBridge); a slow poll covers a missed one.
 */
export function EditResult({ source, started }: { source: EditSource; started: StartedEdit | null }) {
  const { data } = useQuery({
    queryKey: ['generation', started?.id ?? 'none'],
    queryFn: () => fetchGeneration(started!.id),
    enabled: Boolean(started),
    initialData: started?.initial,
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 5000 : false),
  });
  if (!started || !data) {
    return (
      <div
        className="mx-auto flex items-center justify-center rounded-xl border border-dashed border-edge p-6 text-center text-sm text-muted"
        style={{ aspectRatio: `${source.width} / ${source.height}`, width: `min(100%, calc(70vh * ${source.width / source.height}))` }}
      >
        The result appears here, beside the original, with a before/after slider.
      </div>
    );
  }
  const g = data;
  const image = g.images[0];
  return (
    <div className="space-y-3">
      {g.status === 'succeeded' && image ? (
        <BeforeAfter
          before={{ src: source.url, alt: `Original: ${source.prompt}`, inset: insetOf(source, started.extend, image.width, image.height) }}
          after={{ src: image.url, alt: `Edited image: ${g.params.prompt}` }}
          width={image.width}
          height={image.height}
        />
      ) : (
        <div className="overflow-hidden rounded-lg bg-ink" style={{ aspectRatio: `${g.params.width} / ${g.params.height}` }}>
          {g.preview ? (
            // eslint-disable-next-line @next/next/no-img-element -- a data URL from the socket
            <img src={g.preview} alt="Live preview" className="img-smooth h-full w-full object-contain" />
          ) : (
            <div className="flex h-full items-center justify-center p-2 text-sm text-muted">{isActive(g.status) ? 'Waiting for the first step…' : 'No image'}</div>
          )}
        </div>
      )}
      <JobProgress generation={g} label="Edit progress" testId="edit-status" />
      {(g.status === 'failed' || g.status === 'blocked') && (
        <Alert>{g.error ?? 'The edit failed.'} {g.refunded > 0 ? `${g.refunded} credits were refunded.` : ''}</Alert>
      )}
      {g.status === 'cancelled' && <Alert tone="info">Cancelled.</Alert>}
      {g.status === 'succeeded' && image && (
        <div className="flex flex-wrap gap-2 text-sm">
          <Link href={`/gallery/${image.id}`} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white hover:bg-accent-strong">Open the result in the gallery</Link>
          <Link href={`/edit/${image.id}`} className="rounded-md border border-edge px-3 py-1.5 hover:bg-edge">Edit the result</Link>
        </div>
      )}
    </div>
  );
}
