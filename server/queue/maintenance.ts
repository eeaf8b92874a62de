import 'server-only';
import type { Queue } from 'bullmq';

/**
 * House-keeping that runs on a schedule rather than in anyone's request: one small BullMQ queue,
 * consumed by every worker (worker/maintenance/), so exactly one of them runs each repetition.
 */
export const MAINTENANCE_QUEUE = 'maintenance';

export const MAINTENANCE_JOBS = {
  /** Deletes uploads older than UPLOAD_TTL_HOURS that no generation refers to (server/uploads/expire-uploads.ts). */
  expireUploads: { name: 'expire-uploads', everyMs: 15 * 60_000 },
} as const;

export type MaintenanceJobName = (typeof MAINTENANCE_JOBS)[keyof typeof MAINTENANCE_JOBS]['name'];

/**
 * Creates or updates the repeating jobs. Idempotent: every worker calls it at start, and BullMQ
 * keeps one scheduler per id however many do. The first repetition runs at once.
 */
export async function scheduleMaintenance(queue: Queue): Promise<void> {
  for (const job of Object.values(MAINTENANCE_JOBS)) {
    await queue.upsertJobScheduler(job.name, { every: job.everyMs }, {
      name: job.name,
      data: {},
      opts: { removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } },
    });
  }
}
