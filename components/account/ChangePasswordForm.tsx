'use client';
import { Field } from '../ui/Field';
import { FormMessage, fieldError, panel, primaryButton, type FormAction } from './FormMessage';
import { useFormAction } from './use-form-action';

export function ChangePasswordForm({ action }: { action: FormAction<{ signedOut: number }> }) {
  const { state, pending, formProps } = useFormAction(action);
  return (
    <section aria-labelledby="password-title" className={panel}>
      <h2 id="password-title" className="text-lg font-semibold">Password</h2>
      <form {...formProps} className="space-y-3" noValidate>
        <Field
          idScope="password"
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(state, 'currentPassword')}
        />
        <Field
          idScope="password"
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters. Every other signed-in browser will be signed out."
          error={fieldError(state, 'newPassword')}
        />
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Saving…' : 'Change password'}
        </button>
        <FormMessage state={state} />
      </form>
    </section>
  );
}
