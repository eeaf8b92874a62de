import type { GenerationView } from '@/server/generations/read';

/** What the browser holds for one generation: the server's view, kept fresh by socket events. */
export type GenerationState = NonNullable<GenerationView>;

export async function fetchGeneration(id: string): Promise<GenerationState> {
  const res = await fetch(`/api/generations/${id}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 404 ? 'This generation no longer exists.' : 'Could not load the generation.');
  return res.json();
}

export const isActive = (s: GenerationState['status']) => s === 'queued' || s === 'running';
