import { allowedTiers, PLAN_RULES, type Plan } from './plans';

/** The generator form as it holds its fields: strings, named as generationInputSchema's keys. */
export type FormValues = {
  prompt: string;
  negativePrompt: string;
  width: string;
  height: string;
  n: string;
  steps: string;
  guidance: string;
  seed: string;
  sampler: string;
  model: string;
  strength: string;
  tier: string;
  style: string;
};

export type ModelSize = { id: string; nativeWidth: number; nativeHeight: number };

export function defaultValues(model: ModelSize | undefined, fallbackModel: string, plan: Plan): FormValues {
  return {
    prompt: '',
    negativePrompt: '',
    width: String(model?.nativeWidth ?? 512),
    height: String(model?.nativeHeight ?? 512),
    n: '1',
    steps: '20',
    guidance: '7.5',
    seed: '',
    sampler: 'ddim',
    model: model?.id ?? fallbackModel,
    strength: '0.6',
    tier: PLAN_RULES[plan].defaultTier,
    style: '',
  };
}

/**
 * A stored form merged over the defaults: only known fields that are strings, and only a model
 * and tier this user can still pick (a model may be gone, a plan may have changed).
 */
export function restoreValues(stored: unknown, initial: FormValues, models: readonly ModelSize[], plan: Plan): FormValues {
  if (!stored || typeof stored !== 'object') return initial;
  const out = { ...initial };
  for (const key of Object.keys(initial) as (keyof FormValues)[]) {
    const v = (stored as Record<string, unknown>)[key];
    if (typeof v === 'string') out[key] = v;
  }
  if (!models.some((m) => m.id === out.model)) out.model = initial.model;
  if (!(allowedTiers(plan) as string[]).includes(out.tier)) out.tier = initial.tier;
  return out;
}
