import Link from 'next/link';
import type { UserListRow } from '@/server/admin/users';
import { Time } from '@/components/ui/Time';
import { ScrollBox } from '@/components/ui/ScrollBox';

export function UserTable({ rows }: { rows: UserListRow[] }) {
  return (
    <ScrollBox label="Users">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Users, newest first</caption>
        <thead className="bg-panel text-left text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Email</th>
            <th scope="col" className="px-3 py-2 font-medium">Role</th>
            <th scope="col" className="px-3 py-2 font-medium">Plan</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Credits</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Joined</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} className="border-t border-edge">
              <td className="px-3 py-2">
                <Link href={`/admin/users/${u.id}`} className="text-link underline underline-offset-2 hover:decoration-2">{u.email}</Link>
              </td>
              <td className="px-3 py-2">{u.role === 'admin' ? <span className="text-amber-300">admin</span> : 'user'}</td>
              <td className="px-3 py-2">{u.plan}</td>
              <td className={`px-3 py-2 text-right tabular-nums ${u.credits < 0 ? 'text-red-300' : ''}`}>{u.credits.toLocaleString('en-US')}</td>
              <td className="px-3 py-2">{u.suspendedAt ? <span className="text-red-300">suspended</span> : <span className="text-zinc-400">active</span>}</td>
              <td className="whitespace-nowrap px-3 py-2 text-zinc-400"><Time value={u.createdAt} /></td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-zinc-400">No users match.</td>
            </tr>
          )}
        </tbody>
      </table>
    </ScrollBox>
  );
}
