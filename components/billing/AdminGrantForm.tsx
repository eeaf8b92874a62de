'use client';
import { useActionState } from 'react';
import type { ActionState } from '@/app/(studio)/billing/actions';

const input = 'rounded-md border border-edge bg-ink px-3 py-2 text-sm';

/** Admins grant (or, with a negative amount, remove) credits; this works with payments off. */
export function AdminGrantForm({ action }: { action: (prev: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, run, pending] = useActionState(action, undefined);
  return (
    <form action={run} className="grid gap-3 sm:grid-cols-[2fr_1fr_3fr_auto] sm:items-end">
      <label className="flex flex-col gap-1 text-sm">
        User email
        <input name="email" type="email" required className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Credits
        <input name="amount" type="number" step={1} required className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Reason (the user sees it)
        <input name="reason" required minLength={3} maxLength={200} className={input} />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
        {pending ? 'Saving…' : 'Apply'}
      </button>
      {state?.message && (
        <p role={state.ok ? 'status' : 'alert'} className={`text-sm sm:col-span-4 ${state.ok ? 'text-emerald-300' : 'text-red-300'}`}>
          {state.message}
        </p>
      )}
    </form>
  );
}
