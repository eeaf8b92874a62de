'use client';
import { useId, useState } from 'react';
import { secondaryButton } from '../FormMessage';

/** The one time a signing secret is shown: Kumori keeps it sealed and never displays it again. */
export function NewWebhookSecret({ secret, label = 'Signing secret' }: { secret: string; label?: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed'); // needs a secure context and permission; the field stays selectable
    }
  };
  return (
    <div className="space-y-2 rounded-md border border-emerald-500/40 bg-emerald-500/10 p-4">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <div className="flex gap-2">
        <input id={id} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-edge bg-ink px-3 py-2 font-mono text-sm" />
        <button type="button" onClick={copy} className={secondaryButton}>Copy</button>
      </div>
      <p className="text-sm text-zinc-300">Copy it now: it will not be shown again. Give it to your receiver to verify signatures.</p>
      <p aria-live="polite" className="min-h-5 text-sm text-emerald-300">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy; select the field and copy it yourself.' : ''}
      </p>
    </div>
  );
}
