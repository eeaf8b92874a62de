import { ResetPasswordForm } from '@/components/account/ResetPasswordForm';
import { resetPasswordAction } from './actions';

export const metadata = { title: 'Choose a new password · Kumori' };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return <ResetPasswordForm action={resetPasswordAction} token={typeof token === 'string' ? token : ''} />;
}
