import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '../db/client';
import { workers } from '../db/schema';
import { TIER_WEIGHTS, TIERS, type Tier } from '../../domain/plans';
import { tierQueue } from './generation-queue';

// Time a job spends outside its denoising steps (text encoding, decode, PNG, storage), measured
// roughly on the shipped model; it matters only for models with very short steps.
const PER_JOB_OVERHEAD_SECONDS = 0.3;

/**
 * Seconds until a queued job starts: the jobs ahead of it in its tier, at the measured speed of
 * the live workers (their recent steps per second), sharing the workers with the other busy
 * tiers by weight. Null when no worker is alive to measure.
 */
export async function estimateWaitSeconds(tier: Tier, position: number, steps: number): Promise<number | null> {
  const live = await db()
    .select({ sps: workers.stepsPerSecond })
    .from(workers)
    .where(sql`${workers.heartbeatAt} > now() - interval '30 seconds'`);
  const rates = live.map((w) => w.sps).filter((r): r is number => r !== null && r > 0);
  if (live.length === 0) return null;
  const stepsPerSecond = rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : 5;
  const busy = await Promise.all(
    TIERS.map(async (t) => (t === tier ? true : (await tierQueue(t).count()) > 0)),
  );
  const weights = TIERS.filter((_, i) => busy[i]).reduce((sum, t) => sum + TIER_WEIGHTS[t], 0);
  const share = TIER_WEIGHTS[tier] / weights;
  const secondsPerJob = steps / stepsPerSecond + PER_JOB_OVERHEAD_SECONDS;
  return Math.round(((position + 1) * secondsPerJob) / (share * live.length));
}
