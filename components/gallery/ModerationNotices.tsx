'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActionState } from '@/domain/result';
import { Time } from '../ui/Time';

type Notice = { id: number; message: string; createdAt: string };
type Dismiss = (input: { id: number }) => Promise<ActionState>;

/** Moderators' messages (an image removed), shown until the user dismisses each. */
export function ModerationNotices({ notices, dismiss }: { notices: Notice[]; dismiss: Dismiss }) {
  // The list comes from the server (refreshed when a moderator decides); dismissals hide at once.
  const [dismissed, setDismissed] = useState<Set<number>>(new Set());
  const shown = notices.filter((n) => !dismissed.has(n.id));
  const qc = useQueryClient();
  if (shown.length === 0) return null;
  return (
    <ul aria-label="Notices from moderation" className="mb-6 space-y-2">
      {shown.map((n) => (
        <li key={n.id} role="status" className="flex items-start gap-3 rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-100">
          <p className="flex-1">
            {n.message} <span className="text-amber-200">(<Time value={n.createdAt} />)</span>
          </p>
          <button
            type="button"
            className="rounded px-2 py-0.5 text-amber-200 hover:bg-amber-500/20"
            onClick={async () => {
              setDismissed((d) => new Set(d).add(n.id));
              await dismiss({ id: n.id }).catch(() => null);
              await qc.invalidateQueries({ queryKey: ['gallery'] });
            }}
          >
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
