import type { WorkerInfo } from '@/server/admin/workers-overview';
import { Time } from '@/components/ui/Time';
import { ScrollBox } from '@/components/ui/ScrollBox';

function age(seconds: number) {
  return seconds < 90 ? `${Math.round(seconds)} s ago` : `${Math.round(seconds / 60)} min ago`;
}

export function WorkerTable({ workers }: { workers: WorkerInfo[] }) {
  if (workers.length === 0) {
    return <p className="rounded-lg border border-edge bg-panel px-3 py-6 text-center text-sm text-zinc-400">No worker has registered. Start one with <code>npm run worker</code>.</p>;
  }
  return (
    <ScrollBox label="Registered workers">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Registered workers</caption>
        <thead className="bg-panel text-left text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Worker</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Running now</th>
            <th scope="col" className="px-3 py-2 font-medium">Models (warm first)</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Steps/s</th>
            <th scope="col" className="px-3 py-2 font-medium">Started</th>
          </tr>
        </thead>
        <tbody>
          {workers.map((w) => {
            const cold = w.installedModels.filter((m) => !w.warmModels.includes(m));
            return (
              <tr key={w.id} className="border-t border-edge align-top">
                <td className="px-3 py-2">
                  <span className="block font-medium">{w.host}</span>
                  <span className="block break-all text-xs text-muted">{w.id} · {w.executionProvider}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <span className={w.isOnline ? 'text-emerald-300' : 'text-amber-300'}>{w.isOnline ? 'online' : 'stale'}</span>
                  <span className="block text-xs text-muted">heartbeat {age(w.ageSeconds)}</span>
                </td>
                <td className="px-3 py-2">
                  {w.currentJob ? (
                    <>
                      <code className="text-xs">{w.currentJob.slice(0, 8)}</code>
                      {w.currentTier && <span className="text-zinc-400"> · {w.currentTier}{w.currentModel ? ` · ${w.currentModel}` : ''}</span>}
                    </>
                  ) : (
                    <span className="text-zinc-400">idle</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {w.warmModels.map((m) => <span key={m} className="mr-2 text-emerald-300">{m}</span>)}
                  {cold.map((m) => <span key={m} className="mr-2 text-zinc-400">{m}</span>)}
                  {w.installedModels.length === 0 && <span className="text-red-300">none installed</span>}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{w.stepsPerSecond ? w.stepsPerSecond.toFixed(1) : '—'}</td>
                <td className="whitespace-nowrap px-3 py-2 text-zinc-400"><Time value={w.startedAt} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}
