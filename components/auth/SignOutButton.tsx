'use client';
import { signOut } from 'next-auth/react';
import { closeSocket } from '../realtime/socket';

export function SignOutButton() {
  // The server ends the session, and with it this tab's socket; closing the socket first keeps
  // the socket's "session ended" reload from racing the redirect below.
  const onClick = () => {
    closeSocket();
    void signOut({ callbackUrl: '/' });
  };
  return (
    <button type="button" onClick={onClick} className="rounded-md px-3 py-1.5 text-left text-zinc-300 hover:bg-edge">
      Sign out
    </button>
  );
}
