import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Executor } from '../db/client';
import { settings } from '../db/safety-schema';
import { env } from '../env';
import { recordAudit, type Actor } from '../audit/audit';
import { fail, ok, type Result } from '../../domain/result';
import type { NsfwThresholds } from './nsfw/scores-policy';

const KEY = 'nsfw.thresholds';

// An empty box would coerce to 0; undefined makes it "not a number" and gets the right message.
const blankAsMissing = (v: unknown) => (typeof v === 'string' && !v.trim() ? undefined : v);

const score = (label: string) =>
  z.preprocess(
    blankAsMissing,
    z.coerce
      .number({ error: `${label} must be a number between 0 and 1.` })
      .min(0, `${label} must be between 0 and 1.`)
      .max(1, `${label} must be between 0 and 1.`),
  );

export const thresholdsSchema = z
  .object({ blurAt: score('The review threshold'), blockAt: score('The block threshold') })
  .refine((t) => t.blockAt >= t.blurAt, { message: 'The block threshold must not be below the review threshold.', path: ['blockAt'] });

/** The admins' thresholds when they have set them, else NSFW_REVIEW_AT and NSFW_BLOCK_AT. */
export async function loadNsfwThresholds(ex: Executor = db()): Promise<NsfwThresholds & { source: 'admin' | 'env' }> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const stored = row ? thresholdsSchema.safeParse(row.value) : null;
  if (stored?.success) return { ...stored.data, source: 'admin' };
  return { blurAt: env().NSFW_REVIEW_AT, blockAt: env().NSFW_BLOCK_AT, source: 'env' };
}

/** An admin's change, audited in the same transaction (the caller has checked the role). */
export async function saveNsfwThresholds(actor: Actor, input: unknown): Promise<Result<{ thresholds: NsfwThresholds }>> {
  const parsed = thresholdsSchema.safeParse(input);
  if (!parsed.success) return fail('invalid', parsed.error.issues[0].message);
  const next = parsed.data;
  await db().transaction(async (tx) => {
    const { source: _source, ...before } = await loadNsfwThresholds(tx);
    await tx
      .insert(settings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: new Date() } });
    await recordAudit(tx, actor, { action: 'nsfw.thresholds.update', targetType: 'settings', targetId: KEY, before, after: next });
  });
  return ok({ thresholds: next });
}
