'use client';
import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: '/' })} className="rounded-md px-3 py-1.5 text-zinc-300 hover:bg-edge">
      Sign out
    </button>
  );
}
