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
  const live = await liveWorkerSpeeds();
  const rates = live.filter((r): r is number => r !== null && r > 0);
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

const SPEEDS_FRESH_MS = 1000;
let speeds: { at: number; read: Promise<Array<number | null>> } | null = null;

/**
 * The live workers' steps per second. Workers report them with their heartbeats, seconds apart,
 * so a busy web node reads them at most once a second instead of once per request.
 */
function liveWorkerSpeeds(): Promise<Array<number | null>> {
  const now = Date.now();
  if (speeds && now - speeds.at < SPEEDS_FRESH_MS) return speeds.read;
  const read = db()
    .select({ sps: workers.stepsPerSecond })
    .from(workers)
    .where(sql`${workers.heartbeatAt} > now() - interval '30 seconds'`)
    .then((rows) => rows.map((w) => w.sps));
  speeds = { at: now, read };
  read.catch(() => (speeds = null));
  return read;
}
