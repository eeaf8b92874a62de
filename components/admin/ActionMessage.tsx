import type { ActionState } from '@/server/auth/action';

/** A server action as a form calls it through useActionState. */
export type FormAction<T extends object = object> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/** What the form's last submission said: the success line, or why it was refused. */
export function messageOf(state: ActionState): string | undefined {
  if (!state) return undefined;
  return state.ok ? state.message : state.error.message;
}

/** Always rendered, so screen readers hear each new outcome of the form. */
export function ActionMessage({ state, className }: { state: ActionState; className: string }) {
  return <p aria-live="polite" className={`${className} ${state?.ok ? 'text-emerald-300' : 'text-red-300'}`}>{messageOf(state)}</p>;
}
