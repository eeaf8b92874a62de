'use client';
import { useState } from 'react';

export type InitImage = { id: string; previewUrl: string; width: number; height: number };

type Props = {
  value: InitImage | null;
  onChange: (value: InitImage | null) => void;
  strength: string;
  onStrength: (value: string) => void;
  error?: string;
};

/** Uploads the file at once (validated by the server), so Generate only sends its id. */
export function InitImagePicker({ value, onChange, strength, onStrength, error }: Props) {
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function upload(file: File) {
    setUploading(true);
    setUploadError(null);
    try {
      const body = new FormData();
      body.set('image', file);
      const res = await fetch('/api/uploads', { method: 'POST', body });
      const json = await res.json().catch(() => ({ error: `Upload failed (${res.status}).` }));
      if (!res.ok) return setUploadError(json.error ?? 'Upload failed.');
      onChange({ id: json.id, width: json.width, height: json.height, previewUrl: URL.createObjectURL(file) });
    } catch {
      setUploadError('The upload could not reach the server. Try again.');
    } finally {
      setUploading(false);
    }
  }

  const message = uploadError ?? error;
  return (
    <fieldset className="space-y-2 rounded-md border border-edge p-3">
      <legend className="px-1 text-sm font-medium text-zinc-300">Image to image (optional)</legend>
      {value ? (
        <div className="flex items-center gap-3">
          <input type="hidden" name="initImage" value={value.id} />
          {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL */}
          <img src={value.previewUrl} alt="Init image" className="h-16 w-16 rounded object-cover" />
          <div className="text-xs text-zinc-400">
            {value.width}×{value.height}, resized to the output size
            <button type="button" onClick={() => onChange(null)} className="ml-2 text-link underline">Remove</button>
            <a href={`/edit/${value.id}`} className="ml-2 text-link underline">Edit with a mask</a>
          </div>
        </div>
      ) : (
        <div>
          <label htmlFor="field-initImage" className="mb-1 block text-xs text-zinc-400">Init image (PNG, JPEG or WebP, up to 10 MB)</label>
          <input
            id="field-initImage"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            disabled={uploading}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? 'field-initImage-error' : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
              e.target.value = '';
            }}
            className="block w-full text-xs text-zinc-400 file:mr-3 file:rounded file:border-0 file:bg-edge file:px-3 file:py-1.5 file:text-zinc-200"
          />
          {uploading && <p className="mt-1 text-xs text-muted">Uploading…</p>}
        </div>
      )}
      {message && <p id="field-initImage-error" role="alert" className="text-xs text-red-400">{message}</p>}
      {value && (
        <div>
          <label htmlFor="field-strength" className="mb-1 flex justify-between text-xs text-zinc-400">
            <span>Strength</span>
            <span className="tabular-nums">{Number(strength).toFixed(2)}</span>
          </label>
          <input id="field-strength" name="strength" type="range" min={0.05} max={1} step={0.05} value={strength} onChange={(e) => onStrength(e.target.value)} className="w-full accent-accent" />
          <p className="text-xs text-muted">Low keeps the picture, high follows the prompt.</p>
        </div>
      )}
    </fieldset>
  );
}
