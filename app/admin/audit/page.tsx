import Link from 'next/link';
import { AuditEntries } from '@/components/admin/audit/AuditEntries';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { auditSearchParams, readAuditLog, type AuditSearch } from '@/server/audit/audit-filters';

export const generateMetadata = adminTitle('Audit log');
export const dynamic = 'force-dynamic';

type Params = Promise<Record<string, string | string[] | undefined>>;

const input = 'rounded-md border border-edge bg-ink px-3 py-2 text-sm';

function href(filter: AuditSearch) {
  const entries = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]);
  return `/admin/audit${entries.length ? `?${new URLSearchParams(entries)}` : ''}`;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Params }) {
  await requireAdmin();
  const filter = auditSearchParams.parse(await searchParams);
  const { rows, next, actions } = await readAuditLog(filter);
  const filtered = filter.action || filter.actor || filter.target;
  return (
    <section aria-labelledby="audit" className="space-y-4">
      <h1 id="audit" className="text-2xl font-semibold">Audit log</h1>
      <p className="text-sm text-zinc-400">Every admin action, as it was made. Entries cannot be changed or deleted.</p>
      <form method="get" action="/admin/audit" role="search" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          Action
          <input name="action" list="audit-actions" defaultValue={filter.action} placeholder="any" className={input} />
          <datalist id="audit-actions">
            {actions.map((a) => <option key={a} value={a} />)}
          </datalist>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Admin email contains
          <input name="actor" defaultValue={filter.actor} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Target id
          <input name="target" defaultValue={filter.target} className={input} />
        </label>
        <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">Filter the log</button>
        {filtered && <Link href="/admin/audit" className="py-2 text-sm text-zinc-400 hover:text-white">Clear filters</Link>}
      </form>
      <AuditEntries rows={rows} />
      <nav aria-label="Pages of the audit log" className="flex gap-4 text-sm">
        {filter.before && <Link href={href({ ...filter, before: undefined })} className="text-link underline underline-offset-2 hover:decoration-2">← Newest</Link>}
        {next && <Link href={href({ ...filter, before: next })} className="text-link underline underline-offset-2 hover:decoration-2">Older entries →</Link>}
      </nav>
    </section>
  );
}
