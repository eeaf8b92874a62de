import Link from 'next/link';
import { AccountEmail } from '@/components/account/AccountEmail';
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { DeleteAccountForm } from '@/components/account/DeleteAccountForm';
import { ExportData } from '@/components/account/ExportData';
import { panel } from '@/components/account/FormMessage';
import { SignOutEverywhere } from '@/components/account/SignOutEverywhere';
import { accountOverview } from '@/server/account/overview';
import { requireUser } from '@/server/auth/session';
import {
  changeEmailAction,
  changePasswordAction,
  deleteAccountAction,
  resendVerificationAction,
  signOutEverywhereAction,
} from './actions';

export const metadata = { title: 'Settings · Kumori' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const user = await requireUser();
  const account = await accountOverview(user.id);
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <AccountEmail account={account} changeEmail={changeEmailAction} resend={resendVerificationAction} />
      <ChangePasswordForm action={changePasswordAction} />
      <SignOutEverywhere action={signOutEverywhereAction} />
      <section aria-labelledby="api-keys-title" className={panel}>
        <h2 id="api-keys-title" className="text-lg font-semibold">API keys</h2>
        <p className="text-sm text-zinc-400">Generate images from your own code with a key that acts as you, limited to the scopes you choose.</p>
        <Link href="/settings/api-keys" className="text-sm text-link underline underline-offset-2 hover:decoration-2">Manage API keys</Link>
      </section>
      <section aria-labelledby="webhooks-title" className={panel}>
        <h2 id="webhooks-title" className="text-lg font-semibold">Webhooks</h2>
        <p className="text-sm text-zinc-400">Have Kumori tell your server when a generation is queued, starts, finishes, fails or is moderated.</p>
        <Link href="/settings/webhooks" className="text-sm text-link underline underline-offset-2 hover:decoration-2">Manage webhooks</Link>
      </section>
      <ExportData />
      <DeleteAccountForm action={deleteAccountAction} />
    </div>
  );
}
