import 'server-only';
import { notFound } from 'next/navigation';
import { currentUser } from './session';
import type { SessionUser } from './users';

/** The signed-in admin, or null for a visitor or a plain user (who must learn nothing). */
export async function currentAdmin(): Promise<SessionUser | null> {
  const user = await currentUser();
  return user?.role === 'admin' ? user : null;
}

/**
 * For admin pages and actions: a non-admin gets the same 404 as a page that does not exist.
 * Checked on the server in every page, action and route, not only in a layout or proxy.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const admin = await currentAdmin();
  if (!admin) notFound();
  return admin;
}

/**
 * An admin page's title. Next resolves metadata apart from the page and streams it even when the
 * layout answers 404, so a static `metadata` export would tell a visitor which admin page exists.
 */
export function adminTitle(title: string) {
  return async function generateMetadata() {
    return (await currentAdmin()) ? { title: `${title} · Admin · Kumori` } : {};
  };
}
