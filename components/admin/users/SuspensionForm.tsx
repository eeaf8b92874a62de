'use client';
import { useActionState } from 'react';
import type { ActionState } from '@/server/auth/action';
import { ActionMessage, type FormAction } from '../ActionMessage';

type Props = { userId: string; isSuspended: boolean; isSelf: boolean; suspend: FormAction; unsuspend: FormAction };

const button = 'rounded-md px-4 py-2 text-sm font-medium disabled:opacity-50';

/**
 * Suspend with a reason, or lift the suspension. One form state for both, so the outcome stays
 * announced when the page re-renders in the other mode.
 */
export function SuspensionForm({ userId, isSuspended, isSelf, suspend, unsuspend }: Props) {
  const [state, run, pending] = useActionState<ActionState, FormData>(
    (prev, form) => (form.get('op') === 'unsuspend' ? unsuspend(prev, form) : suspend(prev, form)),
    undefined,
  );
  return (
    <form action={run} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="op" value={isSuspended ? 'unsuspend' : 'suspend'} />
      {isSuspended ? (
        <button type="submit" disabled={pending} className={`${button} bg-accent text-white hover:bg-accent-strong`}>
          {pending ? 'Lifting…' : 'Lift the suspension'}
        </button>
      ) : (
        <>
          <label className="flex flex-col gap-1 text-sm">
            Reason (kept in the audit log)
            <textarea name="reason" required minLength={3} maxLength={500} rows={2} disabled={isSelf} className="rounded-md border border-edge bg-ink px-3 py-2 text-sm" />
          </label>
          <button type="submit" disabled={pending || isSelf} className={`${button} bg-red-600 text-white hover:bg-red-500`}>
            {pending ? 'Suspending…' : 'Suspend account'}
          </button>
          {isSelf && <p className="text-sm text-zinc-400">You cannot suspend your own account.</p>}
        </>
      )}
      <ActionMessage state={state} className="min-h-5 text-sm" />
    </form>
  );
}
