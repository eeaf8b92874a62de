'use client';
import { useActionState, useState } from 'react';
import type { ImageCheckReport } from '@/server/provenance/check-image';
import type { FormAction } from '../ActionMessage';
import { CheckImageReport } from './CheckImageReport';

type Props = { action: FormAction<{ report: ImageCheckReport }> };

export function CheckImageForm({ action }: Props) {
  const [state, run, pending] = useActionState(action, undefined);
  const [preview, setPreview] = useState<{ url: string; name: string } | null>(null);

  function choose(file: File | undefined) {
    if (preview) URL.revokeObjectURL(preview.url);
    setPreview(file ? { url: URL.createObjectURL(file), name: file.name } : null);
  }

  return (
    <div className="space-y-6">
      <form action={run} className="flex flex-wrap items-end gap-4 rounded-lg border border-edge bg-panel p-4">
        <div>
          <label htmlFor="check-image-file" className="mb-1 block text-sm font-medium text-zinc-300">
            Image (PNG, JPEG or WebP, up to 10 MB)
          </label>
          <input
            id="check-image-file"
            name="image"
            type="file"
            required
            accept="image/png,image/jpeg,image/webp"
            onChange={(e) => choose(e.target.files?.[0])}
            className="block text-sm text-zinc-400 file:mr-3 file:rounded file:border-0 file:bg-edge file:px-3 file:py-1.5 file:text-zinc-200"
          />
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
          {pending ? 'Checking…' : 'Check image'}
        </button>
        {preview && (
          // eslint-disable-next-line @next/next/no-img-element -- a local object URL
          <img src={preview.url} alt={`The image being checked: ${preview.name}`} onError={() => choose(undefined)} className="h-20 w-20 rounded object-contain" />
        )}
      </form>
      <div aria-live="polite" aria-busy={pending}>
        {state && !state.ok && <p className="text-sm text-red-300">{state.error.message}</p>}
        {state?.ok && <CheckImageReport report={state.report} />}
      </div>
    </div>
  );
}
