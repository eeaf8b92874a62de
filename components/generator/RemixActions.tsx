'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { RemixMode } from '@/domain/remix';
import type { GeneratedImage } from '@/server/realtime/events';

type Props = {
  image: GeneratedImage;
  /** Which image of the batch, for the buttons' names when there are several. */
  label: string;
  onRemix: (image: GeneratedImage, mode: RemixMode) => Promise<string | null>;
};

const button = 'rounded-md border border-edge px-2.5 py-1.5 text-sm hover:bg-edge disabled:opacity-60';

/** Use settings, Vary (subtle or strong) and Reuse seed on one finished image, and a link to it in the gallery. */
export function RemixActions({ image, label, onRemix }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(mode: RemixMode) {
    setBusy(true);
    setError(null);
    setError(await onRemix(image, mode).catch(() => 'The server could not be reached; try again.'));
    setBusy(false);
  }
  return (
    <div className="space-y-1">
      <div role="group" aria-label={`Remix ${label}`} className="flex flex-wrap gap-1.5">
        <button type="button" className={button} disabled={busy} onClick={() => void run('settings')}>Use settings</button>
        <button type="button" className={button} disabled={busy || image.pending} onClick={() => void run('vary-subtle')}>Vary (subtle)</button>
        <button type="button" className={button} disabled={busy || image.pending} onClick={() => void run('vary-strong')}>Vary (strong)</button>
        <button type="button" className={button} disabled={busy} onClick={() => void run('seed')}>Reuse seed</button>
        <Link href={`/gallery/${image.id}`} className={button}>Open in gallery</Link>
      </div>
      {error && <p role="alert" className="text-xs text-red-400">{error}</p>}
    </div>
  );
}
