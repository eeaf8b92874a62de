import { redirect } from 'next/navigation';
import { AuthForm } from '@/components/auth/AuthForm';
import { currentUser } from '@/server/auth/session';

export const metadata = { title: 'Sign in · Kumori' };

export default async function SignInPage() {
  if (await currentUser()) redirect('/generate');
  return <AuthForm mode="signin" />;
}
