import { redirect } from 'next/navigation';
import { AuthForm } from '@/components/auth/AuthForm';
import { currentUser } from '@/server/auth/session';
import { signUpAction } from './actions';

export const metadata = { title: 'Sign up · Kumori' };

export default async function SignUpPage() {
  if (await currentUser()) redirect('/generate');
  return <AuthForm mode="signup" signUp={signUpAction} />;
}
