'use client';
import { useActionState, type ReactNode } from 'react';
import type { ActionState } from '@/domain/result';

type Props = {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  fields?: Record<string, string>;
  children: ReactNode;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary';
  disabled?: boolean;
};

/** A one-button form for a server action that redirects to Stripe, or says why it could not. */
export function ActionButton({ action, fields = {}, children, pendingLabel = 'Opening Stripe…', variant = 'primary', disabled }: Props) {
  const [state, run, pending] = useActionState(action, undefined);
  const style =
    variant === 'primary' ? 'bg-accent text-white hover:bg-accent-strong' : 'border border-edge text-zinc-200 hover:bg-edge/60';
  return (
    <form action={run} className="flex flex-col gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending || disabled} className={`rounded-md px-3 py-2 text-sm font-medium disabled:opacity-50 ${style}`}>
        {pending ? pendingLabel : children}
      </button>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-300">
          {state.error.message}
        </p>
      )}
    </form>
  );
}
