import 'server-only';
import { Queue } from 'bullmq';
import { env } from '../env';
import { createRedis } from '../redis/connection';
import { GENERATION_QUEUE, type GenerationJob } from './jobs';

const holder = globalThis as unknown as { __kumoriQueue?: Queue<GenerationJob> };

export function generationQueue(): Queue<GenerationJob> {
  holder.__kumoriQueue ??= new Queue<GenerationJob>(GENERATION_QUEUE, {
    connection: createRedis('web'),
    prefix: env().REDIS_PREFIX,
  });
  return holder.__kumoriQueue;
}

const ENQUEUE_TIMEOUT_MS = 5000;

/** The job id is the generation id, so enqueueing the same generation twice adds one job. */
export async function enqueueGeneration(job: GenerationJob): Promise<void> {
  const add = generationQueue().add('generate', job, {
    jobId: job.generationId,
    attempts: env().JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Timed out talking to Redis')), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([add, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Jobs ahead of this one, counting waiting jobs only (0 = next). */
export async function queuePosition(generationId: string): Promise<number | null> {
  const queue = generationQueue();
  const job = await queue.getJob(generationId);
  if (!job) return null;
  const state = await job.getState();
  if (state !== 'waiting' && state !== 'prioritized') return state === 'active' ? 0 : null;
  const waiting = await queue.getWaiting(0, 1000);
  // BullMQ lists newest first; a job's position is the number of jobs that came before it.
  const ids = waiting.map((j) => j.id).reverse();
  const idx = ids.indexOf(generationId);
  return idx < 0 ? null : idx;
}

/** Tests swap in a queue on another connection (e.g. an unreachable Redis). */
export function useGenerationQueue(queue: Queue<GenerationJob>): void {
  holder.__kumoriQueue = queue;
}
