import 'server-only';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { db } from '../db/client';
import { creditLedger, generations, images } from '../db/schema';
import { redis } from '../redis/connection';
import { queuePosition } from '../queue/generation-queue';
import { estimateWaitSeconds } from '../queue/eta';
import { toGeneratedImage } from '../gallery/image-urls';
import { effectiveSteps } from '../../domain/generation-params';
import { readProgress } from './progress';

export type GenerationView = Awaited<ReturnType<typeof getGeneration>>;

/** Everything the generator page needs to (re)draw a generation, from the server's state alone. */
export async function getGeneration(userId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db()
    .select()
    .from(generations)
    .where(and(eq(generations.id, id), eq(generations.userId, userId)));
  if (!row) return null;
  const active = row.status === 'queued' || row.status === 'running';
  const [progress, position, imageRows, refunds] = await Promise.all([
    active ? readProgress(redis(), id).catch(() => null) : null,
    row.status === 'queued' ? queuePosition(id, row.tier).catch(() => null) : null,
    row.status === 'succeeded'
      ? db().select().from(images).where(and(eq(images.generationId, id), ne(images.moderation, 'rejected'))).orderBy(asc(images.index))
      : [],
    row.status === 'failed' || row.status === 'cancelled'
      ? db().select({ amount: creditLedger.amount }).from(creditLedger).where(and(eq(creditLedger.generationId, id), eq(creditLedger.kind, 'refund')))
      : [],
  ]);
  const stepsRun = effectiveSteps({ ...row.params, strength: row.params.strength ?? 1 });
  const etaSeconds =
    row.status === 'queued' && position !== null
      ? await estimateWaitSeconds(row.tier, position, stepsRun).catch(() => null)
      : null;
  return {
    id: row.id,
    status: row.status,
    tier: row.tier,
    params: row.params,
    cost: row.cost,
    error: row.error,
    warnings: row.warnings,
    refunded: refunds.reduce((sum, r) => sum + r.amount, 0),
    position,
    etaSeconds,
    step: progress?.step ?? 0,
    steps: progress?.steps ?? stepsRun,
    preview: progress?.preview ? `data:image/webp;base64,${progress.preview.toString('base64')}` : null,
    images: await Promise.all(imageRows.map(toGeneratedImage)),
    timings: row.timings,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The newest queued or running generation, so a refreshed page picks it up again. */
export async function latestActiveGeneration(userId: string) {
  const [row] = await db()
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.userId, userId), inArray(generations.status, ['queued', 'running'])))
    .orderBy(desc(generations.createdAt))
    .limit(1);
  return row ? getGeneration(userId, row.id) : null;
}
