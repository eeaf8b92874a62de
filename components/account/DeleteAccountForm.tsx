'use client';
import { signOut } from 'next-auth/react';
import { closeSocket } from '../realtime/socket';
import { useEffect } from 'react';
import { Field } from '../ui/Field';
import { FormMessage, dangerButton, fieldError, panel, type FormAction } from './FormMessage';
import { useFormAction } from './use-form-action';

export function DeleteAccountForm({ action }: { action: FormAction }) {
  const { state, pending, formProps } = useFormAction(action);
  useEffect(() => {
    if (!state?.ok) return;
    closeSocket();
    void signOut({ callbackUrl: '/signin?notice=account-deleted' });
  }, [state]);
  return (
    <section aria-labelledby="delete-title" className={`${panel} border-red-500/40`}>
      <h2 id="delete-title" className="text-lg font-semibold">Delete account</h2>
      <p className="text-sm text-zinc-400">
        Your images and uploads are deleted at once and cannot be recovered; download your data first if you want to keep them. Records of
        payments and credits are kept, as the law requires, but no longer name you.
      </p>
      <form {...formProps} className="space-y-3" noValidate>
        <Field
          idScope="delete"
          label="Password to confirm"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(state, 'password')}
        />
        <button type="submit" disabled={pending || state?.ok} className={dangerButton}>
          {pending ? 'Deleting…' : 'Delete my account'}
        </button>
        <FormMessage state={state} />
      </form>
    </section>
  );
}
