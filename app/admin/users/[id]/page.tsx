import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiKeyTable } from '@/components/account/api-keys/ApiKeyTable';
import { CreditsForm } from '@/components/admin/users/CreditsForm';
import { RoleForm } from '@/components/admin/users/RoleForm';
import { SuspensionForm } from '@/components/admin/users/SuspensionForm';
import { UsageSummary } from '@/components/admin/users/UsageSummary';
import { Time } from '@/components/ui/Time';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { userDetail } from '@/server/admin/users';
import { adminListApiKeys } from '@/server/api/keys/manage-keys';
import { adjustUserCreditsAction, revokeUserApiKeyAction, setRoleAction, suspendUserAction, unsuspendUserAction } from '../actions';
import { ScrollBox } from '@/components/ui/ScrollBox';

export const generateMetadata = adminTitle('User');
export const dynamic = 'force-dynamic';

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const detail = await userDetail((await params).id);
  if (!detail) notFound();
  const { user, usage, recentLedger } = detail;
  const apiKeys = await adminListApiKeys(user.id);
  const isSelf = user.id === admin.id;
  return (
    <div className="space-y-8">
      <section aria-labelledby="who" className="space-y-2">
        <Link href="/admin/users" className="text-sm text-zinc-400 hover:text-white">← All users</Link>
        <h1 id="who" className="text-2xl font-semibold break-all">{user.email}</h1>
        <p className="text-sm text-zinc-400">
          {user.role === 'admin' ? 'Admin' : 'User'} · {user.plan} plan · {user.credits.toLocaleString('en-US')} credits · joined <Time value={user.createdAt} /> ·{' '}
          <Link href={`/admin/audit?target=${user.id}`} className="text-link underline underline-offset-2 hover:decoration-2">admin actions on this account</Link>
        </p>
        {user.suspendedAt && (
          <p role="status" className="rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-200">
            Suspended since <Time value={user.suspendedAt} />{user.suspendedReason ? `: ${user.suspendedReason}` : ''}. The account can sign in but not generate.
          </p>
        )}
      </section>

      <section aria-labelledby="usage" className="space-y-3">
        <h2 id="usage" className="text-lg font-semibold">Usage</h2>
        <UsageSummary usage={usage} />
      </section>

      <section aria-labelledby="suspension" className="space-y-3">
        <h2 id="suspension" className="text-lg font-semibold">Suspension</h2>
        <SuspensionForm userId={user.id} isSuspended={!!user.suspendedAt} isSelf={isSelf} suspend={suspendUserAction} unsuspend={unsuspendUserAction} />
      </section>

      <section aria-labelledby="role" className="space-y-3">
        <h2 id="role" className="text-lg font-semibold">Role</h2>
        <RoleForm userId={user.id} role={user.role} isSelf={isSelf} action={setRoleAction} />
      </section>

      <section aria-labelledby="api-keys" className="space-y-3">
        <h2 id="api-keys" className="text-lg font-semibold">API keys</h2>
        <ApiKeyTable keys={apiKeys} revoke={revokeUserApiKeyAction} caption={`API keys of ${user.email}, revoked ones included`} empty="No API keys." />
      </section>

      <section aria-labelledby="credits" className="space-y-3">
        <h2 id="credits" className="text-lg font-semibold">Grant or remove credits</h2>
        <CreditsForm email={user.email} action={adjustUserCreditsAction} />
        <ScrollBox label="Latest credit entries" className="">
          <table className="w-full min-w-[36rem] text-sm">
            <caption className="mb-2 text-left text-zinc-400">Latest credit entries</caption>
            <thead className="text-left text-zinc-400">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">When</th>
                <th scope="col" className="py-1 pr-3 font-medium">Kind</th>
                <th scope="col" className="py-1 pr-3 font-medium">Reason</th>
                <th scope="col" className="py-1 text-right font-medium">Credits</th>
              </tr>
            </thead>
            <tbody>
              {recentLedger.map((e) => (
                <tr key={e.id} className="border-t border-edge">
                  <td className="whitespace-nowrap py-1 pr-3 text-zinc-400"><Time value={e.createdAt} /></td>
                  <td className="py-1 pr-3">{e.kind}</td>
                  <td className="py-1 pr-3">{e.reason}</td>
                  <td className={`py-1 text-right tabular-nums ${e.amount < 0 ? 'text-red-300' : 'text-emerald-300'}`}>
                    {e.amount > 0 ? '+' : ''}
                    {e.amount.toLocaleString('en-US')}
                  </td>
                </tr>
              ))}
              {recentLedger.length === 0 && (
                <tr>
                  <td colSpan={4} className="py-3 text-center text-zinc-400">No credit entries.</td>
                </tr>
              )}
            </tbody>
          </table>
        </ScrollBox>
      </section>
    </div>
  );
}
