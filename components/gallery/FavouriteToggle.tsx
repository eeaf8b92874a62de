'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActionState } from '@/domain/result';
import { FavouriteButton } from './FavouriteButton';

type SetFavourite = (input: { id: string; favourite: boolean }) => Promise<ActionState>;

/** The star on one image's page: flips at once, and back with a message if the server refuses. */
export function FavouriteToggle({ id, favourite, setFavourite }: { id: string; favourite: boolean; setFavourite: SetFavourite }) {
  const qc = useQueryClient();
  const [pressed, setPressed] = useState(favourite);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    const next = !pressed;
    setPressed(next);
    setError(null);
    const result = await setFavourite({ id, favourite: next }).catch(() => undefined);
    if (!result?.ok) {
      setPressed(!next);
      return setError(result?.error.message ?? 'The server could not be reached.');
    }
    await qc.invalidateQueries({ queryKey: ['gallery'] });
  }

  return (
    <span className="inline-flex items-center gap-2">
      <FavouriteButton pressed={pressed} onToggle={toggle} />
      {error && <span role="alert" className="text-xs text-red-300">{error}</span>}
    </span>
  );
}
