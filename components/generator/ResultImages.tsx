import type { GeneratedImage } from '@/server/realtime/events';
import { imageCount, imageGridColumns } from '@/domain/generation-params';
import type { GenerationState } from './generation-state';

function emptyText(status: GenerationState['status'], n: number): string {
  if (status === 'succeeded') return n === 1 ? 'A moderator removed this image.' : 'A moderator removed these images.';
  return status === 'queued' ? 'Waiting for its turn…' : status === 'running' ? 'Waiting for the first step…' : 'No image';
}

type Props = {
  generation: GenerationState;
  /** The image the card's actions apply to (a batch's images are picked by clicking them). */
  selected: number;
  onSelect: (index: number) => void;
};

/**
 * The generation's images, or while it runs its live preview. Several images sit in a grid with
 * the columns the worker tiles its preview in, so the finished images replace the preview in place.
 */
export function ResultImages({ generation: g, selected, onSelect }: Props) {
  const n = imageCount(g.params);
  const { width, height, prompt } = g.params;
  const images = g.images;
  const showPreview = images.length === 0 && g.preview && g.status !== 'succeeded';
  const tiles = images.length > 0 ? images.length : n;
  const cols = Math.min(imageGridColumns(n), tiles);
  const aspect = `${width * cols} / ${height * Math.ceil(tiles / cols)}`;
  return (
    <>
      <div className="mx-auto w-full max-w-[640px] overflow-hidden rounded-lg bg-ink" style={{ aspectRatio: aspect }}>
        {images.length === 1 ? (
          // eslint-disable-next-line @next/next/no-img-element -- signed, expiring URLs; nothing for next/image to optimise
          <img src={images[0].url} alt={`Generated image: ${prompt}`} className="img-smooth h-full w-full object-contain" />
        ) : images.length > 1 ? (
          <ul aria-label="Generated images" className="grid h-full gap-1" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}>
            {images.map((image, i) => (
              <li key={image.id} className="min-h-0">
                <button
                  type="button"
                  onClick={() => onSelect(i)}
                  aria-pressed={selected === i}
                  aria-label={`Select image ${i + 1}`}
                  className={`block h-full w-full rounded ${selected === i ? 'ring-2 ring-link' : ''}`}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- signed URLs */}
                  <img src={image.url} alt={`Generated image ${i + 1} of ${images.length}: ${prompt}`} className="img-smooth h-full w-full object-contain" />
                </button>
              </li>
            ))}
          </ul>
        ) : showPreview ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={g.preview!} alt="Live preview" className="img-smooth h-full w-full object-contain blur-[1px]" />
        ) : (
          <div className="flex h-full items-center justify-center p-2 text-center text-sm text-muted">{emptyText(g.status, n)}</div>
        )}
      </div>
      <PendingNote images={images} />
    </>
  );
}

function PendingNote({ images }: { images: GeneratedImage[] }) {
  const pending = images.filter((i) => i.pending).length;
  if (pending === 0) return null;
  const which = images.length === 1 ? 'this image' : pending === 1 ? 'one of these images' : `${pending} of these images`;
  return (
    <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-100">
      The content filter sent {which} to a moderator, so {pending === 1 ? 'it is' : 'they are'} shown blurred until {pending === 1 ? 'it is' : 'they are'} approved.
    </p>
  );
}
