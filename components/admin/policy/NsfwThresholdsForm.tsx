'use client';
import { startTransition, useActionState, type FormEvent } from 'react';
import { Field } from '@/components/ui/Field';
import { ActionMessage, type FormAction } from '../ActionMessage';

type Props = { blurAt: number; blockAt: number; action: FormAction };

export function NsfwThresholdsForm({ blurAt, blockAt, action }: Props) {
  const [state, run, pending] = useActionState(action, undefined);
  // By hand rather than <form action>, so a refused value stays in its box to be corrected.
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => run(data));
  }
  return (
    <form onSubmit={submit} className="grid max-w-2xl gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <Field label="Review (blur) from" name="blurAt" type="number" min={0} max={1} step="any" required defaultValue={blurAt} hint="Held for review, blurred for its owner" />
      <Field label="Block from" name="blockAt" type="number" min={0} max={1} step="any" required defaultValue={blockAt} hint="Never shown; the credits are refunded" />
      <button type="submit" disabled={pending} className="mt-6 rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
        {pending ? 'Saving…' : 'Save thresholds'}
      </button>
      <ActionMessage state={state} className="text-sm sm:col-span-3" />
    </form>
  );
}
