'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import type { Failure } from '@/domain/result';
import type { ActionState } from '@/domain/result';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';

type Mode = 'signin' | 'signup';
type SignUp = (input: { email: string; password: string }) => Promise<ActionState<{ checkEmail: boolean }>>;
type Shown = Pick<Failure['error'], 'message' | 'fields'>;

export function AuthForm({ mode, signUp, notice }: { mode: Mode; signUp?: SignUp; notice?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Shown | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setPending(true);
    setError(null);
    try {
      if (mode === 'signup' && signUp) {
        const created = await signUp({ email, password });
        if (!created?.ok) return setError(created?.error ?? { message: 'Could not create the account.' });
        // Mail on: the account waits for its address to be confirmed; signing in now would also tell
        // a visitor whether the address already had an account.
        if (created.checkEmail) return setSent(created.message ?? 'Check your inbox for a link to activate your account.');
      }
      const res = await signIn('credentials', { email, password, redirect: false });
      if (!res || res.error) return setError({ message: res?.error ?? 'Could not sign in.' });
      router.push('/generate');
      router.refresh();
    } catch {
      setError({ message: 'The server could not be reached. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  }

  const isSignUp = mode === 'signup';
  if (sent) {
    return (
      <section className="mx-auto mt-10 w-full max-w-sm space-y-4 rounded-xl border border-edge bg-panel p-6" aria-labelledby="check-inbox">
        <h1 id="check-inbox" className="text-xl font-semibold">Check your inbox</h1>
        <p role="status" className="text-sm text-zinc-300">{sent}</p>
        <p className="text-sm text-zinc-400">
          Already confirmed? <Link className="text-link underline underline-offset-2 hover:decoration-2" href="/signin">Sign in</Link>
        </p>
      </section>
    );
  }
  return (
    <form onSubmit={onSubmit} className="mx-auto mt-10 w-full max-w-sm space-y-4 rounded-xl border border-edge bg-panel p-6" noValidate>
      <h1 className="text-xl font-semibold">{isSignUp ? 'Create your account' : 'Sign in'}</h1>
      {notice && !error && <Alert tone="info">{notice}</Alert>}
      {error && !error.fields && <Alert>{error.message}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required error={error?.fields?.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={isSignUp ? 'new-password' : 'current-password'}
        required
        minLength={isSignUp ? 8 : undefined}
        hint={isSignUp ? 'At least 8 characters.' : undefined}
        error={error?.fields?.password}
      />
      {!isSignUp && (
        <p className="-mt-2 text-right text-sm">
          <Link className="text-link underline underline-offset-2 hover:decoration-2" href="/forgot-password">Forgot password?</Link>
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-accent py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60">
        {pending ? 'Please wait…' : isSignUp ? 'Sign up' : 'Sign in'}
      </button>
      <p className="text-center text-sm text-zinc-400">
        {isSignUp ? (
          <>Already have an account? <Link className="text-link underline underline-offset-2 hover:decoration-2" href="/signin">Sign in</Link></>
        ) : (
          <>New here? <Link className="text-link underline underline-offset-2 hover:decoration-2" href="/signup">Create an account</Link></>
        )}
      </p>
    </form>
  );
}
