'use client';
import { startTransition, useActionState, useRef, type FormEvent } from 'react';
import type { ActionState } from '@/domain/result';
import type { FormAction } from './FormMessage';

/**
 * useActionState for a form that keeps what was typed when the server refuses it (React resets a
 * form passed to `action=` after every submission, which would make a person retype a new email
 * because the current password was wrong). A success clears the form.
 */
export function useFormAction<T extends object>(action: FormAction<T>) {
  const form = useRef<HTMLFormElement>(null);
  const [state, run, pending] = useActionState(async (prev: ActionState<T>, data: FormData) => {
    const next = await action(prev, data);
    if (next?.ok) form.current?.reset();
    return next;
  }, undefined);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => run(data));
  };
  return { state, pending, formProps: { ref: form, onSubmit } };
}
