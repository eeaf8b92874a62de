import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { generations } from '../db/schema';
import { PLAN_RULES } from '../../domain/plans';
import { debitForGeneration, lockUserCredits, refundGeneration } from '../billing/ledger';
import { enqueueGeneration, queuePosition } from '../queue/generation-queue';
import { userEvents } from '../realtime/emitter';
import { fieldErrorsOf, generationInputSchema, type FieldErrors } from '../../domain/generation-params';
import { resolveRequest } from './resolve-request';
import { checkPrompt, type PromptSource } from '../safety/check-prompt';
import { suspensionOf } from '../safety/suspension';

export type CreateResult =
  | { ok: true; id: string; position: number | null; cost: number; balance: number; tier: string }
  | {
      ok: false;
      error: {
        code: 'invalid' | 'prompt_blocked' | 'suspended' | 'insufficient_credits' | 'negative_balance' | 'limit_reached' | 'queue_unavailable';
        message: string;
        fields?: FieldErrors;
      };
    };

class Refused extends Error {
  constructor(readonly result: Extract<CreateResult, { ok: false }>) {
    super(result.error.message);
  }
}

/**
 * Validate, price, then (holding the user's row lock) check the plan's queue limit, debit and
 * insert the row in one transaction; enqueue after commit. If Redis refuses the job, the debit
 * is refunded and the row closed, so nothing is lost or charged.
 */
export async function createGeneration(userId: string, input: unknown, source: PromptSource = 'web'): Promise<CreateResult> {
  const parsed = generationInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid', message: 'Some settings need fixing.', fields: fieldErrorsOf(parsed.error) } };
  }
  const suspended = await suspensionOf(userId);
  if (suspended) return { ok: false, error: { code: 'suspended', message: suspended } };
  const policy = await checkPrompt(userId, parsed.data, source);
  if (!policy.ok) {
    return { ok: false, error: { code: 'prompt_blocked', message: policy.message, fields: { [policy.field]: policy.fieldMessage } } };
  }
  const resolved = await resolveRequest(userId, parsed.data);
  if (!resolved.ok) return { ok: false, error: { code: 'invalid', ...resolved.error } };
  const { params, tier, plan, cost } = resolved.value;
  const rules = PLAN_RULES[plan];

  let created: { id: string; balance: number; rank: number };
  try {
    created = await db().transaction(async (tx) => {
      await lockUserCredits(tx, userId);
      const active = await tx
        .select({ status: generations.status, tier: generations.tier, n: sql<number>`count(*)::int` })
        .from(generations)
        .where(and(eq(generations.userId, userId), inArray(generations.status, ['queued', 'running'])))
        .groupBy(generations.status, generations.tier);
      const queued = active.filter((a) => a.status === 'queued').reduce((s, a) => s + a.n, 0);
      if (queued >= rules.maxQueued) {
        throw new Refused({
          ok: false,
          error: {
            code: 'limit_reached',
            message: `You have ${queued} generations waiting, the most the ${rules.label} plan allows. Wait for one to start, or cancel one.`,
          },
        });
      }
      const flaggedCategory = policy.flagged?.category ?? null;
      const [row] = await tx.insert(generations).values({ userId, params, cost, tier, flaggedCategory }).returning({ id: generations.id });
      const debit = await debitForGeneration(tx, userId, row.id, cost);
      if (!debit.ok) {
        const message =
          debit.reason === 'negative_balance'
            ? `Your balance is ${debit.balance} credits because a payment was refunded or disputed. Add credits on the Billing page to generate again.`
            : `This generation costs ${cost} credits and your balance is ${debit.balance}. Lower the size or steps, or add credits.`;
        throw new Refused({ ok: false, error: { code: debit.reason, message } });
      }
      const sameTier = active.find((a) => a.status === 'queued' && a.tier === tier)?.n ?? 0;
      return { id: row.id, balance: debit.balance, rank: sameTier + 1 };
    });
  } catch (err) {
    if (err instanceof Refused) return err.result;
    throw err;
  }

  try {
    await enqueueGeneration({ generationId: created.id, userId, model: params.model }, tier, created.rank);
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

  const position = await queuePosition(created.id, tier).catch(() => null);
  userEvents().emit(userId, 'generation:queued', { id: created.id, position });
  return { ok: true, id: created.id, position, cost, balance: created.balance, tier };
}
