import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { generations } from '../db/schema';
import { PLAN_RULES, type Tier } from '../../domain/plans';
import { fail, ok, type Failure, type Result } from '../../domain/result';
import { debitForGeneration, lockUserCredits } from '../billing/ledger';
import { enqueueGeneration, queuePosition } from '../queue/generation-queue';
import { userEvents } from '../realtime/emitter';
import { fieldErrorsOf, generationInputSchema } from '../../domain/generation-params';
import { resolveRequest } from './resolve-request';
import { testModelRefusal } from '../models/offered';
import { settleGeneration, webSettleDeps } from './settle';
import { checkPrompt, type PromptSource } from '../safety/check-prompt';
import { SUSPENDED_MESSAGE } from '../safety/suspension';
import { installedModels } from '../models/installed';
import { generatingAccountOf, type GeneratingAccount } from './generating-account';
import { keyCapRefusal } from '../api/keys/monthly-cap';
import { emitGenerationQueued, emitPromptBlocked } from '../webhooks/generation-events';

export type CreatedGeneration = { id: string; position: number | null; cost: number; balance: number; tier: Tier };

/** Aborts the transaction with the refusal it should answer. */
class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message);
  }
}

/**
 * Validate, price, then (holding the user's row lock, see locks.ts) check the plan's queue
 * limit, debit and insert the row in one transaction; enqueue after commit. If Redis refuses
 * the job, the generation is failed and refunded through the settle gate, so nothing is lost or
 * charged.
 */
export type CreateOptions = {
  /** The API key the request came with: the generation is tagged with it and held to its monthly cap. */
  apiKeyId?: string | null;
  /** Whether that key has a monthly cap; unknown (absent) reads it in the transaction. */
  apiKeyCapped?: boolean;
  /** The user's plan, suspension and role when the caller has read them already (the API's authentication). */
  account?: GeneratingAccount;
};

export async function createGeneration(
  userId: string,
  input: unknown,
  source: PromptSource = 'web',
  { apiKeyId = null, apiKeyCapped = true, account: known }: CreateOptions = {},
): Promise<Result<CreatedGeneration>> {
  const parsed = generationInputSchema.safeParse(input);
  if (!parsed.success) return fail('invalid', 'Some settings need fixing.', fieldErrorsOf(parsed.error));
  const account = known ?? (await generatingAccountOf(userId));
  if (account.suspended) return fail('suspended', SUSPENDED_MESSAGE);
  const policy = await checkPrompt(userId, parsed.data, source);
  if (!policy.ok) {
    emitPromptBlocked(db(), userId, policy.error);
    return { ok: false, error: policy.error };
  }
  const installed = await installedModels();
  const resolved = await resolveRequest(userId, parsed.data, account.plan, installed);
  if (!resolved.ok) return resolved;
  const testModel = testModelRefusal(installed, resolved.params.model, account.admin);
  if (testModel) return testModel;
  const { params, tier, plan, cost } = resolved;
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
        const message = `You have ${queued} generations waiting, the most the ${rules.label} plan allows. Wait for one to start, or cancel one.`;
        throw new Refused(fail('limit_reached', message));
      }
      if (apiKeyId && apiKeyCapped) {
        const capped = await keyCapRefusal(tx, apiKeyId, cost);
        if (capped) throw new Refused(capped);
      }
      const flaggedCategory = policy.flagged?.category ?? null;
      const negativePromptHits = policy.negativeHits.length > 0 ? policy.negativeHits : null;
      const [row] = await tx.insert(generations).values({ userId, params, cost, tier, flaggedCategory, negativePromptHits, apiKeyId }).returning({ id: generations.id });
      const debit = await debitForGeneration(tx, userId, row.id, cost);
      if (!debit.ok) {
        const message =
          debit.reason === 'negative_balance'
            ? `Your balance is ${debit.balance} credits because a payment was refunded or disputed. Add credits on the Billing page to generate again.`
            : `This generation costs ${cost} credits and your balance is ${debit.balance}. Lower the size or steps, or add credits.`;
        throw new Refused(fail(debit.reason, message));
      }
      const sameTier = active.find((a) => a.status === 'queued' && a.tier === tier)?.n ?? 0;
      return { id: row.id, balance: debit.balance, rank: sameTier + 1 };
    });
  } catch (err) {
    if (err instanceof Refused) return err.failure;
    throw err;
  }

  try {
    await enqueueGeneration({ generationId: created.id, userId, model: params.model }, tier, created.rank);
  } catch (err) {
    console.error(`[generations] enqueue failed for ${created.id}: ${(err as Error).message}`);
    await settleGeneration(webSettleDeps(), created.id, { status: 'failed', reason: 'The queue is unavailable.', refundReason: 'Queue unavailable' });
    return fail('queue_unavailable', 'The generation queue is unavailable right now. You were not charged; please try again shortly.');
  }

  const position = await queuePosition(created.id, tier).catch(() => null);
  userEvents().emit(userId, 'generation:queued', { id: created.id, position });
  if (account.webhooks) emitGenerationQueued(db(), userId, { id: created.id, tier, cost, position });
  return ok({ id: created.id, position, cost, balance: created.balance, tier });
}
