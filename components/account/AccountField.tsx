import type { InputHTMLAttributes } from 'react';

type Props = InputHTMLAttributes<HTMLInputElement> & { form: string; label: string; name: string; error?: string; hint?: string };

/**
 * A labelled input like ui/Field, with its id scoped by `form`: the settings page has several forms
 * asking for the current password, and ids must stay unique for labels to point at the right one.
 */
export function AccountField({ form, label, name, error, hint, ...input }: Props) {
  const id = `${form}-${name}`;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-zinc-300">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className={`w-full rounded-md border bg-ink px-3 py-2 text-sm outline-none focus:border-accent ${error ? 'border-red-500' : 'border-edge'}`}
        {...input}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
