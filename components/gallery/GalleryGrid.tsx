'use client';
import Link from 'next/link';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { GeneratedImage } from '@/server/realtime/events';
import { Alert } from '../ui/Alert';

type Item = GeneratedImage & { prompt: string; createdAt: string };
type Page = { items: Item[]; nextCursor: string | null };

async function fetchPage(cursor: string | null): Promise<Page> {
  const res = await fetch(`/api/images${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { cache: 'no-store' });
  if (!res.ok) throw new Error('Could not load your images.');
  return res.json();
}

export function GalleryGrid() {
  const q = useInfiniteQuery({
    queryKey: ['gallery'],
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;

  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries[0]?.isIntersecting && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: '400px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (q.isError) return <Alert>{(q.error as Error).message}</Alert>;
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  if (q.isPending) return <p className="text-muted">Loading your images…</p>;
  if (items.length === 0) {
    return (
      <p className="text-zinc-400">
        No images yet. <Link href="/generate" className="text-link underline underline-offset-2 hover:decoration-2">Generate your first one.</Link>
      </p>
    );
  }
  return (
    <>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label="Your images">
        {items.map((img) => (
          <li key={img.id}>
            <Link href={`/gallery/${img.id}`} className="group relative block overflow-hidden rounded-lg border border-edge bg-panel">
              {/* eslint-disable-next-line @next/next/no-img-element -- signed URLs */}
              <img src={img.thumbUrl} alt={img.prompt} loading="lazy" className="img-smooth aspect-square w-full object-cover transition group-hover:scale-[1.02]" />
              {img.pending && <PendingBadge />}
              <p className="truncate px-2 py-1.5 text-xs text-zinc-400">{img.prompt}</p>
            </Link>
          </li>
        ))}
      </ul>
      <div ref={sentinel} aria-hidden className="h-8" />
      {isFetchingNextPage && <p className="text-center text-sm text-muted">Loading more…</p>}
    </>
  );
}

function PendingBadge() {
  return (
    <span className="absolute left-2 top-2 rounded bg-black/70 px-2 py-0.5 text-xs text-amber-200" title="Blurred until a moderator has looked at it">
      Awaiting review
    </span>
  );
}
