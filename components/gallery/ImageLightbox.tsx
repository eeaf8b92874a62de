'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

type Props = {
  src: string;
  alt: string;
  width: number;
  height: number;
  previousId: string | null;
  nextId: string | null;
};

// A light ring keeps the controls visible over black letterboxing and dark images alike.
const control = 'rounded-full bg-black/75 text-white ring-1 ring-white/40 hover:bg-black/90';
const arrow = `absolute top-1/2 flex h-11 w-11 -translate-y-1/2 items-center justify-center text-2xl ${control}`;

/** Keys a focused field should keep for itself (moving the caret, closing its own popup). */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * The image large, with previous/next (newer/older, as in the grid) and a way back to the grid;
 * ← and → step through the gallery, Escape goes back to it.
 */
export function ImageLightbox({ src, alt, width, height, previousId, nextId }: Props) {
  const router = useRouter();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || isTyping(e.target)) return;
      const to = e.key === 'ArrowLeft' ? previousId : e.key === 'ArrowRight' ? nextId : e.key === 'Escape' ? '' : null;
      if (to === null) return;
      e.preventDefault();
      router.push(to ? `/gallery/${to}` : '/gallery');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [router, previousId, nextId]);

  return (
    <div className="relative flex items-center justify-center overflow-hidden rounded-xl border border-edge bg-black">
      <div className="w-full" style={{ aspectRatio: `${width} / ${height}`, maxHeight: '75vh' }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- signed URL */}
        <img src={src} alt={alt} className="img-smooth h-full w-full object-contain" />
      </div>
      <Link href="/gallery" className={`absolute right-3 top-3 px-3 py-1.5 text-sm ${control}`} aria-keyshortcuts="Escape">
        Close<span className="sr-only"> and go back to the gallery</span>
      </Link>
      {previousId && (
        <Link href={`/gallery/${previousId}`} className={`${arrow} left-3`} aria-label="Previous image" aria-keyshortcuts="ArrowLeft" title="Previous image (←)">
          <span aria-hidden>‹</span>
        </Link>
      )}
      {nextId && (
        <Link href={`/gallery/${nextId}`} className={`${arrow} right-3`} aria-label="Next image" aria-keyshortcuts="ArrowRight" title="Next image (→)">
          <span aria-hidden>›</span>
        </Link>
      )}
    </div>
  );
}
