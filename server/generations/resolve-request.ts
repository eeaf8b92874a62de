import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users, type GenerationParams } from '../db/schema';
import { env } from '../env';
import { allowedTiers, PLAN_RULES, tierPrice, type Plan, type Tier } from '../../domain/plans';
import { priceGeneration } from '../../domain/pricing';
import { installedModels } from '../models/installed';
import { uploadExists } from '../uploads/store-upload';
import { effectiveSteps, type FieldErrors, type GenerationInput, randomSeed } from '../../domain/generation-params';

export type ResolvedRequest = { params: GenerationParams; tier: Tier; plan: Plan; cost: number };
type Refusal = { message: string; fields?: FieldErrors };

const refuse = (field: keyof FieldErrors, message: string): { ok: false; error: Refusal } => ({
  ok: false,
  error: { message, fields: { [field]: message } },
});

/** Turns a valid form into what gets stored and charged: defaults, the user's tier and its price. */
export async function resolveRequest(userId: string, input: GenerationInput): Promise<{ ok: true; value: ResolvedRequest } | { ok: false; error: Refusal }> {
  const { model, seed, initImage, strength, tier: askedTier, ...rest } = input;
  const params: GenerationParams = {
    ...rest,
    seed: seed ?? randomSeed(),
    model: model || env().DEFAULT_MODEL,
    ...(initImage ? { initImage, strength } : {}),
  };
  const [user] = await db().select({ plan: users.plan }).from(users).where(eq(users.id, userId));
  const plan = user?.plan ?? 'free';
  const tier = askedTier ?? PLAN_RULES[plan].defaultTier;
  const base = priceGeneration({ ...params, steps: effectiveSteps(input), images: 1 });
  const cost = tierPrice(base, plan, tier);
  if (cost === null) {
    const tiers = allowedTiers(plan).map((t) => t[0].toUpperCase() + t.slice(1)).join(' and ');
    return refuse('tier', `Your ${PLAN_RULES[plan].label} plan runs on ${tiers} only. Upgrade for faster tiers.`);
  }
  if (initImage && !(await uploadExists(userId, initImage))) {
    return refuse('initImage', 'The init image is no longer available. Upload it again.');
  }
  const known = await installedModels();
  if (!known.some((m) => m.id === params.model)) {
    return refuse('model', `Model "${params.model}" is not installed. Installed: ${known.map((m) => m.id).join(', ') || 'none'}.`);
  }
  return { ok: true, value: { params, tier, plan, cost } };
}
