import { QueueTable } from '@/components/admin/workers/QueueTable';
import { WorkerTable } from '@/components/admin/workers/WorkerTable';
import { Alert } from '@/components/ui/Alert';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { WORKER_STALE_SECONDS, workersOverview } from '@/server/admin/workers-overview';
import { TIER_WEIGHTS } from '@/domain/plans';

export const generateMetadata = adminTitle('Workers & queues');
export const dynamic = 'force-dynamic';

export default async function AdminWorkersPage() {
  await requireAdmin();
  const { workers, queues, generations } = await workersOverview();
  const running = Object.values(generations).reduce((sum, t) => sum + t.running, 0);
  const online = workers.filter((w) => w.isOnline).length;
  return (
    <div className="space-y-8">
      <section aria-labelledby="queues" className="space-y-3">
        <h1 id="queues" className="text-2xl font-semibold">Workers &amp; queues</h1>
        <p className="text-sm text-zinc-400">
          {running.toLocaleString('en-US')} generation{running === 1 ? '' : 's'} running on {online} online worker{online === 1 ? '' : 's'}.
        </p>
        {!queues.ok && <Alert>{queues.error.message}</Alert>}
        <QueueTable queues={queues} generations={generations} />
      </section>
      <section aria-labelledby="workers" className="space-y-3">
        <h2 id="workers" className="text-lg font-semibold">Workers</h2>
        <p className="text-sm text-zinc-400">
          Every worker takes jobs from all three tiers, turbo, fast and relax at {TIER_WEIGHTS.turbo}:{TIER_WEIGHTS.fast}:{TIER_WEIGHTS.relax}. A worker is stale after{' '}
          {WORKER_STALE_SECONDS} s without a heartbeat and disappears from this list after two minutes.
        </p>
        <WorkerTable workers={workers} />
      </section>
    </div>
  );
}
