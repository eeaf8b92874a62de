import Link from 'next/link';
import { UserTable } from '@/components/admin/users/UserTable';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { searchUsers, userSearchParams } from '@/server/admin/users';

export const generateMetadata = adminTitle('Users');
export const dynamic = 'force-dynamic';

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: Params }) {
  await requireAdmin();
  const { q, suspended, cursor } = userSearchParams.parse(await searchParams);
  const result = await searchUsers({ q, suspended, cursor });
  const query = (more: Record<string, string>) =>
    `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), ...(suspended ? { suspended: '1' } : {}), ...more })}`;
  return (
    <section aria-labelledby="users" className="space-y-4">
      <h1 id="users" className="text-2xl font-semibold">Users</h1>
      <form method="get" action="/admin/users" role="search" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          Email contains
          <input name="q" type="search" defaultValue={q} maxLength={200} className="w-72 rounded-md border border-edge bg-ink px-3 py-2 text-sm" />
        </label>
        <label className="flex items-center gap-2 py-2 text-sm">
          <input name="suspended" type="checkbox" value="1" defaultChecked={suspended} />
          Suspended only
        </label>
        <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">Search users</button>
        {(q || suspended) && <Link href="/admin/users" className="py-2 text-sm text-zinc-400 hover:text-white">Clear</Link>}
      </form>
      <UserTable rows={result.rows} />
      <nav aria-label="Pages of users" className="flex gap-4 text-sm">
        {cursor && <Link href={query({})} className="text-link underline underline-offset-2 hover:decoration-2">← Newest</Link>}
        {result.next && <Link href={query({ cursor: result.next })} className="text-link underline underline-offset-2 hover:decoration-2">Next page →</Link>}
      </nav>
    </section>
  );
}
