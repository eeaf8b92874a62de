import Link from 'next/link';
import { Alert } from '@/components/ui/Alert';
import { confirmEmailLink } from '@/server/account/verify-email';
import { currentUser } from '@/server/auth/session';

export const metadata = { title: 'Confirm your email · Kumori' };
export const dynamic = 'force-dynamic';

/** The page a confirmation link opens: using the link is the confirmation (it works once). */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const result = await confirmEmailLink(typeof token === 'string' ? token : '');
  const user = await currentUser();
  return (
    <section aria-labelledby="verify-title" className="mx-auto mt-10 w-full max-w-md space-y-4 rounded-xl border border-edge bg-panel p-6">
      <h1 id="verify-title" className="text-xl font-semibold">{result.ok ? 'Email confirmed' : 'This link did not work'}</h1>
      {result.ok ? (
        <p role="status" className="text-sm text-emerald-300">{result.message}</p>
      ) : (
        <Alert>{result.error.message}</Alert>
      )}
      <p className="text-sm">
        {user ? (
          <Link className="text-link underline underline-offset-2 hover:decoration-2" href={result.ok ? '/generate' : '/settings'}>
            {result.ok ? 'Start generating' : 'Go to settings to send a new link'}
          </Link>
        ) : (
          <Link className="text-link underline underline-offset-2 hover:decoration-2" href="/signin">Sign in</Link>
        )}
      </p>
    </section>
  );
}
