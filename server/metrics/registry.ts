import 'server-only';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'drizzle-orm';
import { db } from '../db/client';
import { TIERS } from '../../domain/plans';
import { ledgerDrift } from '../billing/ledger';
import { tierQueue } from '../queue/generation-queue';
import { processSingleton } from '../process-singleton';

/**
 * Prometheus metrics, read at scrape time from the shared state (Postgres and the queues), so
 * one scrape of any web node describes every worker. Timings are quantiles over the last 15
 * minutes; totals are counts over all time, as Postgres holds them.
 */
const WINDOW = sql`now() - interval '15 minutes'`;

function quantiles(rows: { tier?: string; p50: number | null; p95: number | null }[], gauge: Gauge, byTier: boolean) {
  for (const r of rows) {
    const labels = byTier ? { tier: r.tier! } : {};
    if (r.p50 !== null) gauge.set({ ...labels, quantile: '0.5' }, Number(r.p50));
    if (r.p95 !== null) gauge.set({ ...labels, quantile: '0.95' }, Number(r.p95));
  }
}

function build(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kumori_web_' });
  new Gauge({
    name: 'kumori_queue_depth',
    help: 'Jobs waiting (including delayed retries) per tier',
    labelNames: ['tier'],
    registers: [registry],
    async collect() {
      for (const tier of TIERS) this.set({ tier }, await tierQueue(tier).count());
    },
  });
  new Gauge({
    name: 'kumori_queue_wait_seconds',
    help: 'Time from submit to start, last 15 minutes',
    labelNames: ['tier', 'quantile'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db().execute(sql`
        select tier, percentile_cont(0.5) within group (order by extract(epoch from started_at - created_at)) as p50,
               percentile_cont(0.95) within group (order by extract(epoch from started_at - created_at)) as p95
        from generations where started_at > ${WINDOW} group by tier`);
      quantiles(rows as never, this, true);
    },
  });
  new Gauge({
    name: 'kumori_run_seconds',
    help: 'Time from start to finish of succeeded generations, last 15 minutes',
    labelNames: ['quantile'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db().execute(sql`
        select percentile_cont(0.5) within group (order by extract(epoch from finished_at - started_at)) as p50,
               percentile_cont(0.95) within group (order by extract(epoch from finished_at - started_at)) as p95
        from generations where status = 'succeeded' and finished_at > ${WINDOW}`);
      quantiles(rows as never, this, false);
    },
  });
  new Gauge({
    name: 'kumori_step_seconds',
    help: 'Mean denoising step time of each live worker (from its heartbeat)',
    labelNames: ['worker'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db().execute(sql`select id, steps_per_second from workers where steps_per_second > 0 and heartbeat_at > now() - interval '30 seconds'`);
      for (const r of rows as unknown as { id: string; steps_per_second: number }[]) this.set({ worker: r.id }, 1 / r.steps_per_second);
    },
  });
  new Gauge({
    name: 'kumori_generations_failed',
    help: 'Generations that ended failed, by reason (all time)',
    labelNames: ['reason'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db().execute(sql`select coalesce(error, 'unknown') as reason, count(*)::int as n from generations where status = 'failed' group by 1`);
      for (const r of rows as unknown as { reason: string; n: number }[]) this.set({ reason: r.reason.slice(0, 120) }, r.n);
    },
  });
  new Gauge({
    name: 'kumori_generations_recovered',
    help: 'Generations that needed more than one attempt (a crashed or stalled worker, a transient error), all time',
    registers: [registry],
    async collect() {
      const [r] = (await db().execute(sql`select count(*)::int as n from generations where attempts > 1`)) as unknown as { n: number }[];
      this.set(r.n);
    },
  });
  new Gauge({
    name: 'kumori_credits',
    help: 'Credits charged for generations and refunded, all time',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const rows = await db().execute(sql`select kind, coalesce(sum(abs(amount)), 0)::bigint as n from credit_ledger where kind in ('debit', 'refund') group by kind`);
      this.set({ kind: 'charged' }, 0);
      this.set({ kind: 'refunded' }, 0);
      for (const r of rows as unknown as { kind: string; n: string }[]) this.set({ kind: r.kind === 'debit' ? 'charged' : 'refunded' }, Number(r.n));
    },
  });
  new Gauge({
    name: 'kumori_ledger_drift_users',
    help: 'Users whose running credit total differs from the sum of their ledger entries (should always be 0)',
    registers: [registry],
    async collect() {
      this.set((await ledgerDrift(db())).length);
    },
  });
  new Gauge({
    name: 'kumori_stripe_events',
    help: 'Stripe webhook events by outcome; deferred ones wait for a payment that has not arrived',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db().execute(sql`select status, count(*)::int as n from stripe_events group by status`);
      for (const r of rows as unknown as { status: string; n: number }[]) this.set({ status: r.status }, r.n);
    },
  });
  return registry;
}

export function metricsRegistry(): Registry {
  return processSingleton('metrics', build);
}
