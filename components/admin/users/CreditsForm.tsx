'use client';
import { useActionState } from 'react';
import type { AdminActionState } from '@/app/admin/users/actions';
import { FormResult } from './FormResult';

const input = 'rounded-md border border-edge bg-ink px-3 py-2 text-sm';

/** Grants (positive) or removes (negative) this user's credits; the reason shows in their history. */
export function CreditsForm({ email, action }: { email: string; action: (prev: AdminActionState, form: FormData) => Promise<AdminActionState> }) {
  const [state, run, pending] = useActionState(action, undefined);
  return (
    <form action={run} className="space-y-3">
      <input type="hidden" name="email" value={email} />
      <div className="grid gap-3 sm:grid-cols-[1fr_3fr_auto] sm:items-end">
        <label className="flex flex-col gap-1 text-sm">
          Credits (negative removes)
          <input name="amount" type="number" step={1} required className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Reason (the user sees it)
          <input name="reason" required minLength={3} maxLength={200} className={input} />
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
          {pending ? 'Saving…' : 'Apply credit change'}
        </button>
      </div>
      <FormResult state={state} />
    </form>
  );
}
