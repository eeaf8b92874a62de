import type { InputHTMLAttributes } from 'react';

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  /** Prefix of the input's id, for a page with several forms asking for the same field (say, the current password). */
  idScope?: string;
};

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({ label, name, error, hint, className, idScope = 'field', ...input }: Props) {
  const id = `${idScope}-${name}`;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
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
        <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
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
