import { redirect } from 'next/navigation';
import { ForgotPasswordForm } from '@/components/account/ForgotPasswordForm';
import { currentUser } from '@/server/auth/session';
import { requestResetAction } from './actions';

export const metadata = { title: 'Forgot password · Kumori' };

export default async function ForgotPasswordPage() {
  if (await currentUser()) redirect('/settings');
  return <ForgotPasswordForm action={requestResetAction} />;
}
