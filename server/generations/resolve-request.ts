import 'server-only';
import type { GenerationParams } from '../db/schema';
import { env } from '../env';
import { allowedTiers, PLAN_RULES, tierPrice, type Plan, type Tier } from '../../domain/plans';
import { priceGeneration } from '../../domain/pricing';
import type { InstalledModel } from '../models/installed';
import { planEdit } from './resolve-edit';
import { effectiveSteps, type GenerationInput, randomSeed } from '../../domain/generation-params';
import { fail, ok, type Result } from '../../domain/result';
import { applyStyle } from '../styles/apply-style';

export type ResolvedRequest = { params: GenerationParams; tier: Tier; plan: Plan; cost: number };

/** Turns a valid form into what gets stored and charged: defaults, the user's tier and its price. */
export async function resolveRequest(
  userId: string,
  input: GenerationInput,
  plan: Plan,
  installed: readonly InstalledModel[],
): Promise<Result<ResolvedRequest>> {
  const { model, seed, initImage, strength, tier: askedTier, n, style: _style, mode: _mode, mask: _mask, maskFeather: _feather, extend: _extend, scale: _scale, onlyMasked: _onlyMasked, ...rest } = input;
  const styled = await applyStyle(input);
  if (!styled.ok) return styled;
  const planned = await planEdit(userId, input);
  if (!planned.ok) return planned;
  const { edit } = planned;
  const params: GenerationParams = {
    ...rest,
    ...styled.applied,
    // An edit's size is the image's (or its extension, or double): whatever the form said.
    ...(edit ? edit.size : {}),
    seed: seed ?? randomSeed(),
    model: model || env().DEFAULT_MODEL,
    // Placeholder until commit: the price and checks below need only that there is a start image.
    ...(initImage ? { initImage, strength } : {}),
    // Absent means one image, as in rows written before n existed; so a single image's row is unchanged.
    ...(n > 1 ? { n } : {}),
  };
  const tier = askedTier ?? PLAN_RULES[plan].defaultTier;
  const base = priceGeneration({ ...params, steps: effectiveSteps(input), images: n });
  const cost = tierPrice(base, plan, tier);
  if (cost === null) {
    const tiers = allowedTiers(plan).map((t) => t[0].toUpperCase() + t.slice(1)).join(' and ');
    const message = `Your ${PLAN_RULES[plan].label} plan runs on ${tiers} only. Upgrade for faster tiers.`;
    return fail('invalid', message, { tier: message });
  }
  if (!installed.some((m) => m.id === params.model)) {
    const message = `Model "${params.model}" is not installed. Installed: ${installed.map((m) => m.id).join(', ') || 'none'}.`;
    return fail('invalid', message, { model: message });
  }
  if (edit) {
    const committed = await edit.commit();
    if (!committed.ok) return committed;
    Object.assign(params, committed.params);
  }
  return ok({ params, tier, plan, cost });
}
