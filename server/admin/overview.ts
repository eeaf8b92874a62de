import 'server-only';
import { and, count, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { db, type Executor } from '../db/client';
import { images, users } from '../db/schema';
import { promptIncidents } from '../db/safety-schema';
import { countOnlineWorkers, queueCounts } from './workers-overview';

export type AdminOverview = {
  imagesInReview: number;
  blockedLast24h: number;
  suspendedUsers: number;
  workersOnline: number;
  /** Jobs not yet started (delayed retries included, as in kumori_queue_depth); null when Redis did not answer. */
  jobsWaiting: number | null;
};

/** The numbers on the admin landing page, each the entry point of one section. */
export async function adminOverview(ex: Executor = db()): Promise<AdminOverview> {
  const [[review], [blocked], [suspended], workersOnline, queues] = await Promise.all([
    ex.select({ n: count() }).from(images).where(eq(images.moderation, 'review')),
    ex
      .select({ n: count() })
      .from(promptIncidents)
      .where(and(eq(promptIncidents.action, 'block'), gt(promptIncidents.createdAt, sql`now() - interval '24 hours'`))),
    ex.select({ n: count() }).from(users).where(isNotNull(users.suspendedAt)),
    countOnlineWorkers(ex),
    queueCounts(),
  ]);
  return {
    imagesInReview: review.n,
    blockedLast24h: blocked.n,
    suspendedUsers: suspended.n,
    workersOnline,
    jobsWaiting: queues.ok ? queues.tiers.reduce((sum, t) => sum + t.waiting + t.delayed, 0) : null,
  };
}
