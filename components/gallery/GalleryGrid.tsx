'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ActionState } from '@/domain/result';
import type { GalleryItem } from '@/server/gallery/search';
import { Alert } from '../ui/Alert';
import { FavouriteButton } from './FavouriteButton';
import { galleryQueryOf, isFiltered } from './gallery-query';

type Page = { items: GalleryItem[]; nextCursor: string | null };
type ListImages = (input: { query: Record<string, string>; cursor: string | null }) => Promise<ActionState<Page>>;
type SetFavourite = (input: { id: string; favourite: boolean }) => Promise<ActionState>;

async function fetchPage(list: ListImages, query: Record<string, string>, cursor: string | null): Promise<Page> {
  const result = await list({ query, cursor }).catch(() => undefined);
  if (!result?.ok) throw new Error(result?.error.message ?? 'Could not load your images.');
  return { items: result.items, nextCursor: result.nextCursor };
}

/** Flips one image's star in every cached page of every search. */
function withFavourite(data: InfiniteData<Page> | undefined, id: string, favourite: boolean) {
  if (!data) return data;
  return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === id ? { ...i, favourite } : i)) })) };
}

export function GalleryGrid({ listImages, setFavourite }: { listImages: ListImages; setFavourite: SetFavourite }) {
  const query = galleryQueryOf(useSearchParams());
  const qc = useQueryClient();
  const q = useInfiniteQuery({
    queryKey: ['gallery', query],
    queryFn: ({ pageParam }) => fetchPage(listImages, query, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // Optimistic: the star changes at once; a refusal puts it back and says why.
  const star = useMutation({
    mutationFn: async (v: { id: string; favourite: boolean }) => {
      const result = await setFavourite(v).catch(() => undefined);
      if (!result?.ok) throw new Error(result?.error.message ?? 'Could not change the favourite.');
    },
    onMutate: async ({ id, favourite }) => {
      await qc.cancelQueries({ queryKey: ['gallery'] });
      qc.setQueriesData<InfiniteData<Page>>({ queryKey: ['gallery'] }, (d) => withFavourite(d, id, favourite));
    },
    onError: (_err, { id, favourite }) => qc.setQueriesData<InfiniteData<Page>>({ queryKey: ['gallery'] }, (d) => withFavourite(d, id, !favourite)),
    // Other searches (the favourites filter) may now list it differently; this one keeps its order.
    onSettled: () => qc.invalidateQueries({ queryKey: ['gallery'], refetchType: 'none' }),
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
  if (items.length === 0) return <Empty filtered={isFiltered(query)} />;
  return (
    <>
      {star.isError && <Alert>{star.error.message}</Alert>}
      <p className="sr-only" role="status">{`${items.length}${hasNextPage ? '+' : ''} images`}</p>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label="Your images">
        {items.map((img) => (
          <li key={img.id} className="relative">
            <Link href={`/gallery/${img.id}`} className="group relative block overflow-hidden rounded-lg border border-edge bg-panel">
              {/* eslint-disable-next-line @next/next/no-img-element -- signed URLs */}
              <img src={img.thumbUrl} alt={img.prompt} loading="lazy" className="img-smooth aspect-square w-full object-cover transition group-hover:scale-[1.02]" />
              {img.pending && <PendingBadge />}
              <p className="truncate px-2 py-1.5 text-xs text-zinc-400">{img.prompt}</p>
            </Link>
            <FavouriteButton pressed={img.favourite} onToggle={() => star.mutate({ id: img.id, favourite: !img.favourite })} className="absolute right-2 top-2" />
          </li>
        ))}
      </ul>
      <div ref={sentinel} aria-hidden className="h-8" />
      {isFetchingNextPage && <p className="text-center text-sm text-muted">Loading more…</p>}
    </>
  );
}

function Empty({ filtered }: { filtered: boolean }) {
  const link = 'text-link underline underline-offset-2 hover:decoration-2';
  if (filtered) {
    return (
      <p className="text-zinc-400">
        No images match this search. <Link href="/gallery" className={link}>Clear filters</Link>
      </p>
    );
  }
  return (
    <p className="text-zinc-400">
      No images yet. <Link href="/generate" className={link}>Generate your first one.</Link>
    </p>
  );
}

function PendingBadge() {
  return (
    <span className="absolute left-2 top-2 rounded bg-black/70 px-2 py-0.5 text-xs text-amber-200" title="Blurred until a moderator has looked at it">
      Awaiting review
    </span>
  );
}
