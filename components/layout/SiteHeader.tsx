import Link from 'next/link';
import type { SessionUser } from '@/server/auth/users';
import { Balance } from './Balance';
import { NavLink } from './NavLink';
import { SignOutButton } from '../auth/SignOutButton';

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="border-b border-edge bg-panel/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          <span className="text-accent">雲</span> Kumori
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="flex gap-1">
              <NavLink href="/generate">Generate</NavLink>
              <NavLink href="/gallery">Gallery</NavLink>
            </nav>
            <div className="ml-auto flex items-center gap-4 text-sm">
              <Balance />
              <span className="hidden text-zinc-400 sm:inline">{user.email}</span>
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
