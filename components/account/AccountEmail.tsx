'use client';
import { useActionState } from 'react';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { FormMessage, fieldError, panel, primaryButton, secondaryButton, type FormAction } from './FormMessage';
import { useFormAction } from './use-form-action';

type Account = { email: string; isVerified: boolean; isMailConfigured: boolean };

export function AccountEmail({ account, changeEmail, resend }: { account: Account; changeEmail: FormAction<{ pending: boolean }>; resend: FormAction }) {
  const { state, pending, formProps } = useFormAction(changeEmail);
  const [resent, runResend, resending] = useActionState(resend, undefined);
  return (
    <section aria-labelledby="email-title" className={panel}>
      <h2 id="email-title" className="text-lg font-semibold">Email</h2>
      <p className="text-sm text-zinc-300">
        You sign in as <strong className="font-medium text-white">{account.email}</strong>
        {account.isVerified ? ' (confirmed).' : ' (not confirmed yet).'}
      </p>
      {!account.isVerified && account.isMailConfigured && (
        <form action={runResend} className="space-y-2">
          <Alert tone="info">Confirm your address with the link we mailed you to activate the account and receive your starting credits.</Alert>
          <button type="submit" disabled={resending} className={secondaryButton}>
            {resending ? 'Sending…' : 'Send the link again'}
          </button>
          <FormMessage state={resent} />
        </form>
      )}
      {!account.isMailConfigured && (
        <p className="text-sm text-zinc-400">Mail is not configured on this server, so a new email takes effect at once, without a confirmation link.</p>
      )}
      <form {...formProps} className="space-y-3" noValidate>
        <Field idScope="email" label="New email" name="email" type="email" autoComplete="email" required error={fieldError(state, 'email')} />
        <Field
          idScope="email"
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(state, 'currentPassword')}
        />
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Saving…' : 'Change email'}
        </button>
        <FormMessage state={state} />
      </form>
    </section>
  );
}
