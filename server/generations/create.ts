import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { generations } from '../db/schema';
import { env } from '../env';
import { debitForGeneration, lockUserCredits, refundGeneration } from '../billing/ledger';
import { priceGeneration } from '../billing/pricing';
import { enqueueGeneration, queuePosition } from '../queue/generation-queue';
import { userEvents } from '../realtime/emitter';
import { installedModels } from '../models/installed';
import { effectiveSteps, fieldErrorsOf, generationInputSchema, randomSeed, type FieldErrors } from './params';
import { uploadExists } from '../uploads/store-upload';

export type CreateResult =
  | { ok: true; id: string; position: number | null; cost: number; balance: number }
  | { ok: false; error: { code: 'invalid' | 'insufficient_credits' | 'queue_unavailable'; message: string; fields?: FieldErrors } };

class InsufficientCredits extends Error {
  constructor(readonly balance: number) {
    super('insufficient credits');
  }
}

/**
 * Validate, price, then debit and insert the row in one transaction; enqueue after commit.
 * If Redis refuses the job, the debit is refunded and the row closed, so nothing is lost or charged.
 */
export async function createGeneration(userId: string, input: unknown): Promise<CreateResult> {
  const parsed = generationInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid', message: 'Some settings need fixing.', fields: fieldErrorsOf(parsed.error) } };
  }
  const { model, seed, initImage, strength, ...rest } = parsed.data;
  const params = {
    ...rest,
    seed: seed ?? randomSeed(),
    model: model || env().DEFAULT_MODEL,
    ...(initImage ? { initImage, strength } : {}),
  };
  const cost = priceGeneration({ ...params, steps: effectiveSteps(parsed.data), images: 1 });
  if (initImage && !(await uploadExists(userId, initImage))) {
    const message = 'The init image is no longer available. Upload it again.';
    return { ok: false, error: { code: 'invalid', message, fields: { initImage: message } } };
  }
  const known = await installedModels();
  if (!known.some((m) => m.id === params.model)) {
    const message = `Model "${params.model}" is not installed. Installed: ${known.map((m) => m.id).join(', ') || 'none'}.`;
    return { ok: false, error: { code: 'invalid', message, fields: { model: message } } };
  }

  let created: { id: string; balance: number };
  try {
    created = await db().transaction(async (tx) => {
      await lockUserCredits(tx, userId);
      const [row] = await tx.insert(generations).values({ userId, params, cost }).returning({ id: generations.id });
      const debit = await debitForGeneration(tx, userId, row.id, cost);
      if (!debit.ok) throw new InsufficientCredits(debit.balance);
      return { id: row.id, balance: debit.balance };
    });
  } catch (err) {
    if (err instanceof InsufficientCredits) {
      return {
        ok: false,
        error: {
          code: 'insufficient_credits',
          message: `This generation costs ${cost} credits and your balance is ${err.balance}. Lower the size or steps, or add credits.`,
        },
      };
    }
    throw err;
  }

  try {
    await enqueueGeneration({ generationId: created.id, userId });
  } catch (err) {
    console.error(`[generations] enqueue failed for ${created.id}: ${(err as Error).message}`);
    await db().transaction(async (tx) => {
      await tx
        .update(generations)
        .set({ status: 'failed', error: 'The queue is unavailable.', finishedAt: new Date() })
        .where(eq(generations.id, created.id));
      await refundGeneration(tx, created.id, 'Queue unavailable');
    });
    return {
      ok: false,
      error: { code: 'queue_unavailable', message: 'The generation queue is unavailable right now. You were not charged; please try again shortly.' },
    };
  }

  const position = await queuePosition(created.id).catch(() => null);
  userEvents().emit(userId, 'generation:queued', { id: created.id, position });
  return { ok: true, id: created.id, position, cost, balance: created.balance };
}
