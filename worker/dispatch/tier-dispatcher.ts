import { randomUUID } from 'node:crypto';
import { DelayedError, type Job, Queue, QueueEvents, WaitingError, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { TIER_WEIGHTS, TIERS, type Tier } from '../../domain/plans';
import { redisKeys } from '../../server/redis/keys';
import { tierQueueName, type GenerationJob } from '../../server/queue/jobs';
import { pickTier } from './pick-tier';

export type Processor = (job: Job<GenerationJob>, token: string) => Promise<unknown>;

type Options = {
  redis: () => IORedis;
  prefix: string;
  process: Processor;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  relaxMaxWaitMs: number;
  onFailed?: (job: Job<GenerationJob>, err: Error) => void;
  /** True when another worker should take this job (see warm-routing.ts); asked once per job. */
  handOff?: (job: Job<GenerationJob>) => Promise<boolean>;
};

const HANDOFF_PAUSE_MS = 500;

const IDLE_POLL_MS = 2000;

/**
 * Runs jobs from the three tier queues in the order the shared stride scheduler (pick-tier)
 * decides, using BullMQ's manual fetching: each job stays in its own queue, locked by the
 * worker that fetched it; stalled jobs (a killed worker) go back to wait through BullMQ's own
 * stalled checker. Anti-starvation: a relax job older than relaxMaxWaitMs jumps to the front
 * of its queue and relax is served next.
 */
export class TierDispatcher {
  private readonly workers = new Map<Tier, Worker<GenerationJob>>();
  private readonly queues = new Map<Tier, Queue<GenerationJob>>();
  private readonly events: QueueEvents[] = [];
  private readonly client: IORedis;
  /** One waker per idle slot: a new job wakes them all, and the fastest takes it. */
  private readonly wakers = new Set<() => void>();
  private closing = false;
  private paused = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly opts: Options) {
    this.client = opts.redis();
    for (const tier of TIERS) {
      const name = tierQueueName(tier);
      const worker = new Worker<GenerationJob>(name, null, {
        connection: opts.redis(),
        prefix: opts.prefix,
        lockDuration: opts.lockDurationMs,
        stalledInterval: opts.stalledIntervalMs,
        maxStalledCount: 1,
        autorun: false,
      });
      worker.on('failed', (job, err) => job && opts.onFailed?.(job, err));
      worker.on('error', (err) => console.error(`[dispatch] ${name}: ${err.message}`));
      this.workers.set(tier, worker);
      const queue = new Queue<GenerationJob>(name, { connection: opts.redis(), prefix: opts.prefix });
      queue.on('error', () => {}); // outages are reported by the connections themselves
      this.queues.set(tier, queue);
      const events = new QueueEvents(name, { connection: opts.redis(), prefix: opts.prefix });
      events.on('error', () => {});
      events.on('waiting', () => this.wakeAll());
      this.events.push(events);
    }
  }

  async start(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.startStalledCheckTimer()));
    this.loops = Array.from({ length: this.opts.concurrency }, () => this.loop());
  }

  /** Stops taking new jobs until resume(); running ones go on. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeAll();
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async close(): Promise<void> {
    this.closing = true;
    this.wakeAll();
    await Promise.all(this.loops);
    await Promise.allSettled([...this.workers.values()].map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await Promise.allSettled(this.events.map((e) => e.close()));
    await this.client.quit().catch(() => {});
  }

  private async loop(): Promise<void> {
    while (!this.closing) {
      const token = randomUUID();
      const next = this.paused ? null : await this.fetch(token).catch((err: Error) => {
        console.error(`[dispatch] fetch failed: ${err.message}`);
        return null;
      });
      if (!next) {
        await this.idle();
        continue;
      }
      if (await this.handedOff(next, token)) {
        await new Promise((r) => setTimeout(r, HANDOFF_PAUSE_MS));
        continue;
      }
      await this.run(next, token);
    }
  }

  /** Gives a job back to its queue, at most once per job, when a warmer worker is idle. */
  private async handedOff(job: Job<GenerationJob>, token: string): Promise<boolean> {
    if (!this.opts.handOff) return false;
    const ask = await this.opts.handOff(job).catch(() => false);
    if (!ask) return false;
    const first = await this.client.set(redisKeys.handoff(job.id!, this.opts.prefix), '1', 'EX', 300, 'NX');
    if (first !== 'OK') return false;
    await job.moveToWait(token);
    return true;
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, IDLE_POLL_MS);
      this.wakers.add(done);
    });
  }

  private async fetch(token: string): Promise<Job<GenerationJob> | null> {
    const client = this.client;
    const starving = await this.promoteStarvingRelax(client);
    const ready = await Promise.all(TIERS.map(async (t) => [t, await this.hasReadyJob(t)] as const));
    const nonEmpty = ready.filter(([, yes]) => yes).map(([t]) => t);
    if (nonEmpty.length === 0) return null;
    const first = starving && nonEmpty.includes('relax') ? 'relax' : await pickTier(client, this.opts.prefix, nonEmpty);
    // Another worker may have emptied the chosen tier in the meantime: fall back by weight.
    const order = [first, ...nonEmpty.filter((t) => t !== first).sort((a, b) => TIER_WEIGHTS[b] - TIER_WEIGHTS[a])];
    for (const tier of order) {
      if (!tier) continue;
      const job = await this.workers.get(tier)!.getNextJob(token, { block: false });
      if (job) {
        if (tier === 'relax') await client.zrem(redisKeys.relaxWaiting(this.opts.prefix), job.id!);
        return job;
      }
    }
    return null;
  }

  /**
   * Whether a tier has a job to start now: waiting, or delayed (a retry's backoff, a user at
   * their running limit) and due. Fetching from the tier is what moves due delayed jobs back.
   */
  private async hasReadyJob(tier: Tier): Promise<boolean> {
    const queue = this.queues.get(tier)!;
    const c = await queue.getJobCounts('wait', 'prioritized', 'delayed');
    if ((c.wait ?? 0) + (c.prioritized ?? 0) > 0) return true;
    if (!c.delayed) return false;
    // BullMQ scores delayed jobs by due time x 0x1000 (plus a tie-breaking counter).
    const [, score] = await this.client.zrange(queue.keys.delayed, 0, 0, 'WITHSCORES');
    return score !== undefined && Math.floor(Number(score) / 0x1000) <= Date.now();
  }

  /** Moves the oldest relax job, if it has waited too long, to the front of the relax queue. */
  private async promoteStarvingRelax(client: IORedis): Promise<boolean> {
    const [id, since] = await client.zrange(redisKeys.relaxWaiting(this.opts.prefix), 0, 0, 'WITHSCORES');
    if (!id || Date.now() - Number(since) < this.opts.relaxMaxWaitMs) return false;
    const job = await this.queues.get('relax')!.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    if (state === 'prioritized') await job!.changePriority({ priority: 0 });
    else if (state !== 'waiting') {
      await client.zrem(redisKeys.relaxWaiting(this.opts.prefix), id); // gone or already running
      return false;
    }
    return true;
  }

  private async run(job: Job<GenerationJob>, token: string): Promise<void> {
    const renew = setInterval(() => {
      job.extendLock(token, this.opts.lockDurationMs).catch((err: Error) => console.error(`[dispatch] lock of ${job.id}: ${err.message}`));
    }, this.opts.lockDurationMs / 2);
    try {
      const result = await this.opts.process(job, token);
      await job.moveToCompleted(result, token, false);
    } catch (err) {
      // The processor already moved the job: back to the queue for later, or (shutdown) to the front.
      if (err instanceof DelayedError || err instanceof WaitingError) return;
      await job.moveToFailed(err as Error, token, false).catch((e: Error) => console.error(`[dispatch] ${job.id}: ${e.message}`));
      this.opts.onFailed?.(job, err as Error);
    } finally {
      clearInterval(renew);
    }
  }
}
