import Link from 'next/link';
import type { listAudit } from '@/server/audit/audit';
import { Time } from '@/components/ui/Time';
import { ScrollBox } from '@/components/ui/ScrollBox';

type Entry = Awaited<ReturnType<typeof listAudit>>['rows'][number];

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="text-xs text-zinc-400">{label}</p>
      <pre tabIndex={0} className="overflow-x-auto rounded bg-ink p-2 text-xs">{value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/** Admin actions newest first, each with its before and after state folded away. */
export function AuditEntries({ rows }: { rows: Entry[] }) {
  return (
    <ScrollBox label="Audit log">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="bg-panel text-left text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">When</th>
            <th scope="col" className="px-3 py-2 font-medium">Who</th>
            <th scope="col" className="px-3 py-2 font-medium">Action</th>
            <th scope="col" className="px-3 py-2 font-medium">Target</th>
            <th scope="col" className="px-3 py-2 font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-edge align-top">
              <td className="whitespace-nowrap px-3 py-2 text-zinc-400"><Time value={r.createdAt} /></td>
              <td className="px-3 py-2 break-all">{r.actorEmail}</td>
              <td className="px-3 py-2"><code>{r.action}</code></td>
              <td className="px-3 py-2 break-all">
                {r.targetType === 'user' ? (
                  <Link href={`/admin/users/${r.targetId}`} className="text-link underline underline-offset-2 hover:decoration-2">user {r.targetId.slice(0, 8)}</Link>
                ) : (
                  `${r.targetType} ${r.targetId}`
                )}
              </td>
              <td className="px-3 py-2">
                <details>
                  <summary className="cursor-pointer text-zinc-300">Before and after</summary>
                  <div className="mt-2 flex flex-col gap-2 xl:flex-row">
                    <Json label="Before" value={r.before} />
                    <Json label="After" value={r.after} />
                  </div>
                </details>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-zinc-400">No admin actions match.</td>
            </tr>
          )}
        </tbody>
      </table>
    </ScrollBox>
  );
}
