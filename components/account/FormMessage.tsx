import type { ActionState } from '@/domain/result';

/** A form action as useActionState calls it. */
export type FormAction<T extends object = object> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/** Always rendered, so screen readers hear each new outcome of the form: the success line, or why it was refused. */
export function FormMessage({ state, className = '' }: { state: ActionState; className?: string }) {
  const text = !state ? undefined : state.ok ? state.message : state.error.fields ? undefined : state.error.message;
  return (
    <p aria-live="polite" role="status" className={`min-h-5 text-sm ${state?.ok ? 'text-emerald-300' : 'text-red-300'} ${className}`}>
      {text}
    </p>
  );
}

/** The error of one field from the form's last answer. */
export const fieldError = (state: ActionState, name: string) => (state && !state.ok ? state.error.fields?.[name] : undefined);

export const panel = 'space-y-4 rounded-xl border border-edge bg-panel p-6';
export const primaryButton = 'rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-60';
export const dangerButton = 'rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60';
export const secondaryButton = 'rounded-md border border-edge px-4 py-2 text-sm font-medium text-zinc-200 hover:bg-edge/60 disabled:opacity-60';
