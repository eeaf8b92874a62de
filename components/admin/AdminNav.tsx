'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/review', label: 'Review queue' },
  { href: '/admin/incidents', label: 'Prompt incidents' },
  { href: '/admin/policy', label: 'Policy' },
  { href: '/admin/styles', label: 'Styles' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/workers', label: 'Workers & queues' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/check-image', label: 'Check an image' },
];

/** The admin sections; Overview is current only on /admin itself, since every path starts with it. */
export function AdminNav() {
  const path = usePathname() ?? '';
  return (
    <nav aria-label="Admin">
      <ul className="flex flex-wrap gap-1 lg:flex-col">
        {SECTIONS.map(({ href, label }) => {
          const current = href === '/admin' ? path === href : path === href || path.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm ${current ? 'bg-edge text-white' : 'text-zinc-300 hover:bg-edge/60'}`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
