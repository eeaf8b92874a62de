import { NavLink } from './NavLink';

/** The studio's sections; the header shows them inline on wide screens and in its menu on phones. */
export function MainNav({ isAdmin, className }: { isAdmin: boolean; className?: string }) {
  return (
    <nav aria-label="Main" className={className}>
      <NavLink href="/generate">Generate</NavLink>
      <NavLink href="/gallery">Gallery</NavLink>
      <NavLink href="/billing">Billing</NavLink>
      {isAdmin && <NavLink href="/admin">Admin</NavLink>}
    </nav>
  );
}
