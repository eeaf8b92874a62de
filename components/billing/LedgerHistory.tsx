'use client';
import Link from 'next/link';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { LedgerRow } from '@/server/billing/history';
import { Time } from '../ui/Time';
import { ScrollBox } from '@/components/ui/ScrollBox';

const KIND_LABEL: Record<LedgerRow['kind'], string> = {
  grant: 'Grant',
  purchase: 'Purchase',
  subscription: 'Plan credits',
  debit: 'Generation',
  refund: 'Refund',
  clawback: 'Taken back',
  adjustment: 'Adjustment',
};

type Page = { rows: LedgerRow[]; next: number | null };

/** Every entry of the user's ledger with the balance after it; refreshed live by billing events. */
export function LedgerHistory() {
  const q = useInfiniteQuery<Page>({
    queryKey: ['billing', 'ledger'],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => {
      const res = await fetch(`/api/billing/ledger${pageParam ? `?before=${pageParam}` : ''}`);
      if (!res.ok) throw new Error('Could not load your credit history.');
      return res.json();
    },
    getNextPageParam: (last) => last.next ?? undefined,
  });
  if (q.isError) return <p role="alert" className="text-sm text-red-300">{q.error.message}</p>;
  const rows = q.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <ScrollBox label="Credit history table">
      <table className="w-full min-w-[36rem] text-sm" aria-label="Credit history">
        <thead className="bg-panel text-left text-zinc-400">
          <tr>
            <th className="px-3 py-2 font-medium">Date</th>
            <th className="px-3 py-2 font-medium">Type</th>
            <th className="px-3 py-2 font-medium">Details</th>
            <th className="px-3 py-2 text-right font-medium">Credits</th>
            <th className="px-3 py-2 text-right font-medium">Balance</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-edge">
              <td className="whitespace-nowrap px-3 py-2 text-zinc-400"><Time value={r.createdAt} /></td>
              <td className="px-3 py-2">{KIND_LABEL[r.kind]}</td>
              <td className="px-3 py-2">
                {r.reason}
                {r.generationId && (
                  <>
                    {' · '}
                    {r.imageId ? (
                      <Link className="text-link underline underline-offset-2 hover:decoration-2" href={`/gallery/${r.imageId}`}>
                        generation {r.generationId.slice(0, 8)}
                      </Link>
                    ) : (
                      <span className="text-zinc-400">generation {r.generationId.slice(0, 8)}</span>
                    )}
                  </>
                )}
              </td>
              <td className={`px-3 py-2 text-right tabular-nums ${r.amount < 0 ? 'text-red-300' : 'text-emerald-300'}`}>
                {r.amount > 0 ? '+' : ''}
                {r.amount.toLocaleString('en-US')}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{r.balanceAfter.toLocaleString('en-US')}</td>
            </tr>
          ))}
          {rows.length === 0 && !q.isPending && (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-zinc-400">No credit activity yet.</td>
            </tr>
          )}
        </tbody>
      </table>
      {q.hasNextPage && (
        <button type="button" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} className="w-full border-t border-edge py-2 text-sm text-zinc-300 hover:bg-edge/60">
          {q.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
        </button>
      )}
    </ScrollBox>
  );
}
