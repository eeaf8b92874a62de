import 'server-only';
import { Queue } from 'bullmq';
import { env } from '../env';
import { TIERS, type Tier } from '../../domain/plans';
import { redisKeys } from '../redis/keys';
import { createRedis, redis } from '../redis/connection';
import { tierQueueName, type GenerationJob } from './jobs';
import { processSingleton } from '../process-singleton';

const queues = () => processSingleton('tier-queues', () => new Map<Tier, Queue<GenerationJob>>());

export function tierQueue(tier: Tier): Queue<GenerationJob> {
  let queue = queues().get(tier);
  if (!queue) {
    queue = new Queue<GenerationJob>(tierQueueName(tier), { connection: createRedis('web'), prefix: env().REDIS_PREFIX });
    // Without a listener an 'error' (Redis down) would be thrown and stop the web process;
    // the connection already reports outages once.
    queue.on('error', () => {});
    queues().set(tier, queue);
  }
  return queue;
}

/** Tests swap in a queue on another connection (e.g. an unreachable Redis). */
export function useTierQueue(tier: Tier, queue: Queue<GenerationJob>): void {
  queues().set(tier, queue);
}

const ENQUEUE_TIMEOUT_MS = 5000;

/**
 * The job id is the generation id, so enqueueing the same generation twice adds one job.
 * `userRank` (this user's nth waiting job in the tier) is the BullMQ priority: everyone's first
 * job runs before anyone's second, so one user's big batch cannot hold the tier.
 */
export async function enqueueGeneration(job: GenerationJob, tier: Tier, userRank: number): Promise<void> {
  const add = async () => {
    await tierQueue(tier).add('generate', job, {
      jobId: job.generationId,
      priority: Math.min(Math.max(1, userRank), 2 ** 21 - 1),
      attempts: env().JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    if (tier === 'relax') await redis().zadd(redisKeys.relaxWaiting(), Date.now(), job.generationId);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Timed out talking to Redis')), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([add(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Finds a generation's job in whichever tier queue holds it. */
export async function findJob(generationId: string, tier?: Tier) {
  for (const t of tier ? [tier] : TIERS) {
    const job = await tierQueue(t).getJob(generationId);
    if (job) return { job, tier: t };
  }
  return null;
}

/** Jobs ahead of this one in its tier (0 = next in the tier), or null when it is not waiting. */
export async function queuePosition(generationId: string, tier: Tier): Promise<number | null> {
  const queue = tierQueue(tier);
  const client = redis();
  const [waitIndex, prioritizedRank, waitLength, heldBack, prioritizedLength] = await Promise.all([
    client.lpos(queue.keys.wait, generationId),
    client.zrank(queue.keys.prioritized, generationId),
    client.llen(queue.keys.wait),
    client.zscore(queue.keys.delayed, generationId),
    client.zcard(queue.keys.prioritized),
  ]);
  // BullMQ pushes the wait list on the left and takes from the right; prioritized jobs come after it.
  if (waitIndex !== null) return waitLength - 1 - waitIndex;
  if (prioritizedRank !== null) return waitLength + prioritizedRank;
  // A job its owner's plan holds back (as many running as the plan allows) sits in the delayed
  // set until a slot frees; it is still queued, and rejoins behind everything waiting now.
  if (heldBack !== null) return waitLength + prioritizedLength;
  return null;
}

export async function forgetRelaxWaiting(generationId: string): Promise<void> {
  await redis().zrem(redisKeys.relaxWaiting(), generationId);
}
