import Link from 'next/link';
import type { SessionUser } from '@/server/auth/users';
import { Balance } from './Balance';
import { NavLink } from './NavLink';
import { SignOutButton } from '../auth/SignOutButton';

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="border-b border-edge bg-panel/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 fill-accent">
            <path d="M7 18a5 5 0 0 1-.6-9.96A6 6 0 0 1 17.7 7.1 4.5 4.5 0 0 1 17.5 18H7z" />
          </svg>
          Kumori
        </Link>
        {user ? (
          <>
            {/* On a phone the nav takes a row of its own under the logo and account controls. */}
            <nav aria-label="Main" className="order-last flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
              <NavLink href="/generate">Generate</NavLink>
              <NavLink href="/gallery">Gallery</NavLink>
              <NavLink href="/billing">Billing</NavLink>
              {user.role === 'admin' && <NavLink href="/admin">Admin</NavLink>}
            </nav>
            <div className="ml-auto flex items-center gap-2 text-sm sm:gap-4">
              <Link href="/billing" title="Billing">
                <Balance />
              </Link>
              <span className="hidden text-zinc-400 sm:inline">{user.email}</span>
              <NavLink href="/settings">Settings</NavLink>
              <SignOutButton />
            </div>
          </>
        ) : (
          <div className="ml-auto flex gap-3 text-sm">
            <Link href="/signin" className="rounded-md px-3 py-1.5 hover:bg-edge">Sign in</Link>
            <Link href="/signup" className="rounded-md bg-accent px-3 py-1.5 font-medium text-white hover:bg-accent-strong">Sign up</Link>
          </div>
        )}
      </div>
    </header>
  );
}
