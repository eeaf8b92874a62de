'use client';
import { useQueries } from '@tanstack/react-query';
import { fetchGeneration, isActive, type GenerationState } from './generation-state';

export type JobCounts = { running: number; queued: number };

/**
 * How many of the feed's jobs are running and waiting now. The feed's pages keep the status they
 * were loaded with; socket events patch each card's ['generation', id] entry, so that is read here.
 * The observers are disabled: they only watch what the cards and socket events put in the cache
 * (the query function is the cards' own, so whichever observer set the query's options, a refetch
 * after an invalidation still works).
 */
export function useJobCounts(items: GenerationState[]): JobCounts {
  return useQueries({
    queries: items
      .filter((g) => isActive(g.status))
      .map((g) => ({ queryKey: ['generation', g.id], queryFn: () => fetchGeneration(g.id), initialData: g, enabled: false, select: (d: GenerationState) => d.status })),
    combine: (results) => ({
      running: results.filter((r) => r.data === 'running').length,
      queued: results.filter((r) => r.data === 'queued').length,
    }),
  });
}
