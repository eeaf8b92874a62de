import Link from 'next/link';
import type { SessionUser } from '@/server/auth/users';
import { Balance } from './Balance';
import { MainNav } from './MainNav';
import { MobileMenu } from './MobileMenu';
import { NavLink } from './NavLink';
import { SignOutButton } from '../auth/SignOutButton';

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="relative z-30 border-b border-edge bg-panel/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-x-6 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 fill-link">
            <path d="M7 18a5 5 0 0 1-.6-9.96A6 6 0 0 1 17.7 7.1 4.5 4.5 0 0 1 17.5 18H7z" />
          </svg>
          Kumori
        </Link>
        {user ? (
          <>
            <MainNav isAdmin={user.role === 'admin'} className="hidden gap-1 md:flex" />
            <div className="ml-auto flex items-center gap-2 text-sm lg:gap-4">
              <Link href="/billing" title="Billing">
                <Balance />
              </Link>
              <span className="hidden text-zinc-400 lg:inline">{user.email}</span>
              <div className="hidden items-center gap-2 md:flex">
                <NavLink href="/settings">Settings</NavLink>
                <SignOutButton />
              </div>
              <MobileMenu>
                <p className="mb-2 truncate text-sm text-zinc-400">{user.email}</p>
                <MainNav isAdmin={user.role === 'admin'} className="flex flex-col gap-1" />
                <div className="mt-2 flex flex-col gap-1 border-t border-edge pt-2">
                  <NavLink href="/settings">Settings</NavLink>
                  <SignOutButton />
                </div>
              </MobileMenu>
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
