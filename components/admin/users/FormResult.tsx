import type { AdminActionState } from '@/app/admin/users/actions';

/** Always rendered, so screen readers hear each new outcome of the form. */
export function FormResult({ state }: { state: AdminActionState }) {
  return (
    <p aria-live="polite" className={`min-h-5 text-sm ${state?.ok ? 'text-emerald-300' : 'text-red-300'}`}>
      {state?.message}
    </p>
  );
}
