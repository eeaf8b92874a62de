import type { InfiniteData } from '@tanstack/react-query';
import type { GenerationView } from '@/server/generations/read';
import type { FeedPage as ServerFeedPage } from '@/server/generations/feed';

/** What the browser holds for one generation: the server's view, kept fresh by socket events. */
export type GenerationState = NonNullable<GenerationView>;

export type FeedPage = ServerFeedPage;
export type FeedData = InfiniteData<FeedPage, string | null>;

/** The feed's query: pages of generations, newest first; each card also lives under ['generation', id]. */
export const FEED_KEY = ['generation-feed'] as const;

export async function fetchGeneration(id: string): Promise<GenerationState> {
  const res = await fetch(`/api/generations/${id}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 404 ? 'This generation no longer exists.' : 'Could not load the generation.');
  return res.json();
}

export const isActive = (s: GenerationState['status']) => s === 'queued' || s === 'running';

/** The feed with a just-created generation on top, unless a refetch brought it already. */
export function prependToFeed(feed: FeedData | undefined, g: GenerationState): FeedData | undefined {
  if (!feed || feed.pages.some((p) => p.items.some((i) => i.id === g.id))) return feed;
  const [first, ...rest] = feed.pages;
  return { ...feed, pages: [{ ...first, items: [g, ...first.items] }, ...rest] };
}

export const feedHas = (feed: FeedData | undefined, id: string) => Boolean(feed?.pages.some((p) => p.items.some((i) => i.id === id)));
