'use client';
import { useActionState, useState } from 'react';
import type { ActionState } from '@/server/auth/action';
import type { ReviewItem } from '@/server/moderation/review-queue';
import { ActionMessage } from '../ActionMessage';
import { ReviewCard } from './ReviewCard';

type Decision = { ids: FormDataEntryValue[]; decision: FormDataEntryValue | null; note: FormDataEntryValue };
type Decide = (input: Decision) => Promise<ActionState>;

/** Select one or many, then approve or reject them together (with an optional note to the owners). */
export function ReviewQueue({ items, decide }: { items: ReviewItem[]; decide: Decide }) {
  // The checked boxes share the name `ids`; the action takes them as one list.
  const [state, action, pending] = useActionState(
    (_prev: ActionState, form: FormData) => decide({ ids: form.getAll('ids'), decision: form.get('decision'), note: form.get('note') ?? '' }),
    undefined,
  );
  const [picked, setSelected] = useState<Set<string>>(new Set());
  // Decided images leave the refreshed page; their ids stop counting as selected.
  const selected = new Set(items.filter((i) => picked.has(i.id)).map((i) => i.id));
  const toggle = (id: string) =>
    setSelected(() => {
      const next = new Set(selected);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const all = items.length > 0 && selected.size === items.length;
  return (
    <form action={action} className="space-y-4">
      <div className="sticky top-0 z-10 flex flex-wrap items-end gap-3 rounded-md border border-edge bg-panel/95 p-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={all} disabled={items.length === 0} onChange={() => setSelected(all ? new Set() : new Set(items.map((i) => i.id)))} />
          Select all on this page
        </label>
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm">
          Note to the owner (shown when rejected, optional)
          <input name="note" maxLength={300} className="rounded-md border border-edge bg-ink px-3 py-2 text-sm" />
        </label>
        <button name="decision" value="approve" disabled={pending || selected.size === 0} className="rounded-md bg-emerald-600 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-500 disabled:opacity-50">
          Approve {selected.size || ''} selected
        </button>
        <button name="decision" value="reject" disabled={pending || selected.size === 0} className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-50">
          Reject {selected.size || ''} selected
        </button>
        <ActionMessage state={state} className="w-full text-sm" />
      </div>
      {items.length === 0 ? (
        <p className="text-zinc-400">Nothing awaits review.</p>
      ) : (
        <ul aria-label="Images awaiting review" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {items.map((item) => (
            <ReviewCard key={item.id} item={item} checked={selected.has(item.id)} onToggle={() => toggle(item.id)} />
          ))}
        </ul>
      )}
    </form>
  );
}
