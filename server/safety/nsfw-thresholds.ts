import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client';
import { settings } from '../db/safety-schema';
import { env } from '../env';
import { recordAudit, type Actor } from '../audit/audit';
import type { NsfwThresholds } from './nsfw/scores-policy';

const KEY = 'nsfw.thresholds';

const score = (label: string) =>
  z.coerce
    .number({ error: `${label} must be a number between 0 and 1.` })
    .min(0, `${label} must be between 0 and 1.`)
    .max(1, `${label} must be between 0 and 1.`);

export const thresholdsSchema = z
  .object({ blurAt: score('The review threshold'), blockAt: score('The block threshold') })
  .refine((t) => t.blockAt >= t.blurAt, { message: 'The block threshold must not be below the review threshold.', path: ['blockAt'] });

/** The admins' thresholds when they have set them, else NSFW_REVIEW_AT and NSFW_BLOCK_AT. */
export async function loadNsfwThresholds(ex: Executor): Promise<NsfwThresholds & { source: 'admin' | 'env' }> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const stored = row ? thresholdsSchema.safeParse(row.value) : null;
  if (stored?.success) return { ...stored.data, source: 'admin' };
  return { blurAt: env().NSFW_REVIEW_AT, blockAt: env().NSFW_BLOCK_AT, source: 'env' };
}

export type SaveThresholdsResult = { ok: true; thresholds: NsfwThresholds } | { ok: false; error: { code: 'invalid'; message: string } };

/** An admin's change, audited in the same transaction (the caller has checked the role). */
export async function saveNsfwThresholds(ex: Executor, actor: Actor, input: unknown): Promise<SaveThresholdsResult> {
  const parsed = thresholdsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'invalid', message: parsed.error.issues[0].message } };
  const next = parsed.data;
  await ex.transaction(async (tx) => {
    const { source: _source, ...before } = await loadNsfwThresholds(tx);
    await tx
      .insert(settings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: new Date() } });
    await recordAudit(tx, actor, { action: 'nsfw.thresholds.update', targetType: 'settings', targetId: KEY, before, after: next });
  });
  return { ok: true, thresholds: next };
}
