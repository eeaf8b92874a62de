'use client';
import { useActionState } from 'react';
import { ActionMessage, type FormAction } from '../ActionMessage';

const input = 'rounded-md border border-edge bg-ink px-3 py-2 text-sm';

/** Grants (positive) or removes (negative) this user's credits; the reason shows in their history. */
export function CreditsForm({ email, action }: { email: string; action: FormAction }) {
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
      <ActionMessage state={state} className="min-h-5 text-sm" />
    </form>
  );
}
