'use client';
import { signOut } from 'next-auth/react';
import { closeSocket } from '../realtime/socket';
import { useActionState, useEffect } from 'react';
import { FormMessage, panel, secondaryButton, type FormAction } from './FormMessage';

export function SignOutEverywhere({ action }: { action: FormAction }) {
  const [state, run, pending] = useActionState(action, undefined);
  useEffect(() => {
    // The server already ended every session; this clears this browser's cookie and leaves.
    if (!state?.ok) return;
    closeSocket();
    void signOut({ callbackUrl: '/signin?notice=signed-out-everywhere' });
  }, [state]);
  return (
    <section aria-labelledby="sessions-title" className={panel}>
      <h2 id="sessions-title" className="text-lg font-semibold">Sessions</h2>
      <p className="text-sm text-zinc-400">Signed in on a computer you no longer use? End every session of your account, this one included.</p>
      <form action={run}>
        <button type="submit" disabled={pending || state?.ok} className={secondaryButton}>
          {pending ? 'Signing out…' : 'Sign out everywhere'}
        </button>
      </form>
      <FormMessage state={state} />
    </section>
  );
}
