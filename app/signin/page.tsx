import { redirect } from 'next/navigation';
import { AuthForm } from '@/components/auth/AuthForm';
import { currentUser } from '@/server/auth/session';

export const metadata = { title: 'Sign in · Kumori' };

/** Where other pages send a visitor with a word to show above the form (`?notice=…`). */
const NOTICES: Record<string, string> = {
  'password-reset': 'Your password is changed. Sign in with the new one.',
  'signed-out-everywhere': 'You are signed out on every device.',
  'account-deleted': 'Your account is deleted. Thank you for using Kumori.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  if (await currentUser()) redirect('/generate');
  const { notice } = await searchParams;
  return <AuthForm mode="signin" notice={typeof notice === 'string' ? NOTICES[notice] : undefined} />;
}
