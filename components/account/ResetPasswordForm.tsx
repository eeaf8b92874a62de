'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { FormMessage, fieldError, panel, primaryButton, type FormAction } from './FormMessage';
import { useFormAction } from './use-form-action';

export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const router = useRouter();
  const { state, pending, formProps } = useFormAction(action);
  useEffect(() => {
    if (state?.ok) router.push('/signin?notice=password-reset');
  }, [state, router]);
  const linkBroken = state && !state.ok && (state.error.code === 'expired' || state.error.code === 'invalid') && !state.error.fields;
  return (
    <form {...formProps} className={`mx-auto mt-10 w-full max-w-sm ${panel}`} noValidate>
      <h1 className="text-xl font-semibold">Choose a new password</h1>
      {!token && <Alert>This page needs the link from the reset email. Open the link from the email again.</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters. Every signed-in browser will be signed out."
        error={fieldError(state, 'password')}
      />
      <button type="submit" disabled={pending || !token} className={`w-full ${primaryButton}`}>
        {pending ? 'Saving…' : 'Set new password'}
      </button>
      <FormMessage state={state} />
      {linkBroken && (
        <p className="text-sm text-zinc-400">
          <Link className="text-link underline underline-offset-2 hover:decoration-2" href="/forgot-password">Ask for a new link</Link>
        </p>
      )}
    </form>
  );
}
