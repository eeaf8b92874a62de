import { Queue, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import type { Db } from '../../server/db/client';
import { env } from '../../server/env';
import { MAINTENANCE_JOBS, MAINTENANCE_QUEUE, scheduleMaintenance, type MaintenanceJobName } from '../../server/queue/maintenance';
import type { StorageDriver } from '../../server/storage/driver';
import { expireUploads } from '../../server/uploads/expire-uploads';

export type MaintenanceOptions = {
  db: Db;
  storage: StorageDriver;
  /** Opens a Redis connection that retries forever; the ones opened here are closed on stop. */
  connect: () => IORedis;
  prefix: string;
};

/** What each maintenance job does; a job that throws is logged and runs again at its next repetition. */
function handlerFor(o: MaintenanceOptions): (job: Job<unknown, unknown, MaintenanceJobName>) => Promise<unknown> {
  return async (job) => {
    switch (job.name) {
      case MAINTENANCE_JOBS.expireUploads.name: {
        const expired = await expireUploads(o, env().UPLOAD_TTL_HOURS);
        if (expired > 0) console.log(`[maintenance] deleted ${expired} expired upload(s)`);
        return { expired };
      }
      default:
        throw new Error(`Unknown maintenance job ${JSON.stringify(job.name)}`);
    }
  };
}

/** Schedules the repeating maintenance jobs and consumes them, one at a time. */
export async function startMaintenance(o: MaintenanceOptions) {
  const connections = [o.connect(), o.connect()];
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: connections[0], prefix: o.prefix });
  queue.on('error', () => {}); // outages are reported by the connections themselves
  await scheduleMaintenance(queue);
  const worker = new Worker<unknown, unknown, MaintenanceJobName>(MAINTENANCE_QUEUE, handlerFor(o), {
    connection: connections[1],
    prefix: o.prefix,
    concurrency: 1,
  });
  worker.on('failed', (job, err) => console.error(`[maintenance] ${job?.name ?? 'job'} failed: ${err.message}`));
  worker.on('error', (err) => console.error(`[maintenance] ${err.message}`));
  return {
    queue,
    async stop() {
      await worker.close();
      await queue.close();
      await Promise.allSettled(connections.map((c) => c.quit()));
    },
  };
}
