'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { fail } from '@/domain/result';
import type { ActionState } from '@/domain/result';
import { Alert } from '../ui/Alert';

type Remove = (input: { id: string }) => Promise<ActionState>;

export function DeleteImageButton({ id, remove }: { id: string; remove: Remove }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onDelete() {
    setPending(true);
    const result = await remove({ id }).catch(() => fail('unavailable', 'The server could not be reached.'));
    setPending(false);
    if (!result?.ok) return setError(result?.error.message ?? 'Could not delete the image.');
    await qc.invalidateQueries({ queryKey: ['gallery'] });
    router.push('/gallery');
  }

  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded-md border border-red-500/50 px-4 py-2 text-sm text-red-300 hover:bg-red-500/10">
        Delete
      </button>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <button type="button" onClick={onDelete} disabled={pending} className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60">
          {pending ? 'Deleting…' : 'Delete permanently'}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-edge px-4 py-2 text-sm hover:bg-edge">Keep</button>
      </div>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
