'use client';
import Link from 'next/link';
import { Field } from '../ui/Field';
import { FormMessage, fieldError, panel, primaryButton, type FormAction } from './FormMessage';
import { useFormAction } from './use-form-action';

export function ForgotPasswordForm({ action }: { action: FormAction<{ mailConfigured: boolean }> }) {
  const { state, pending, formProps } = useFormAction(action);
  return (
    <form {...formProps} className={`mx-auto mt-10 w-full max-w-sm ${panel}`} noValidate>
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      <p className="text-sm text-zinc-400">Enter the email of your account and we will mail you a link to choose a new password.</p>
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError(state, 'email')} />
      <button type="submit" disabled={pending} className={`w-full ${primaryButton}`}>
        {pending ? 'Sending…' : 'Send reset link'}
      </button>
      <FormMessage state={state} />
      <p className="text-center text-sm text-zinc-400">
        Remembered it? <Link className="text-link underline underline-offset-2 hover:decoration-2" href="/signin">Sign in</Link>
      </p>
    </form>
  );
}
