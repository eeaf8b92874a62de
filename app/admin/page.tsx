import Link from 'next/link';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { adminOverview } from '@/server/admin/overview';

export const generateMetadata = adminTitle('Overview');
export const dynamic = 'force-dynamic';

export default async function AdminOverviewPage() {
  await requireAdmin();
  const o = await adminOverview();
  const cards = [
    { href: '/admin/review', label: 'Images awaiting review', value: o.imagesInReview, alert: o.imagesInReview > 0 },
    { href: '/admin/incidents', label: 'Prompts blocked in the last 24 hours', value: o.blockedLast24h, alert: false },
    { href: '/admin/users?suspended=1', label: 'Suspended users', value: o.suspendedUsers, alert: o.suspendedUsers > 0 },
    { href: '/admin/workers', label: 'Workers online', value: o.workersOnline, alert: o.workersOnline === 0 },
    { href: '/admin/workers', label: 'Jobs waiting', value: o.jobsWaiting, alert: o.jobsWaiting === null },
  ];
  return (
    <section aria-labelledby="overview" className="space-y-4">
      <h1 id="overview" className="text-2xl font-semibold">Admin</h1>
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {cards.map((c) => (
          <li key={c.label}>
            <Link href={c.href} className={`block rounded-lg border bg-panel p-4 hover:bg-edge/60 ${c.alert ? 'border-amber-500/50' : 'border-edge'}`}>
              <span className="block text-3xl font-semibold tabular-nums">{c.value === null ? 'unknown' : c.value.toLocaleString('en-US')}</span>
              <span className="block text-sm text-zinc-400">
                {c.label}
                {c.value === null && ' (Redis did not answer)'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
