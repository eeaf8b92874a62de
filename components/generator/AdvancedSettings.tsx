'use client';
import { allowedTiers, PLAN_RULES, type Plan, type Tier } from '@/domain/plans';
import { LIMITS, SAMPLER_LABELS, SAMPLERS, type FieldErrors } from '@/domain/generation-params';
import type { OfferedModel } from '@/server/models/offered';
import { Field } from '../ui/Field';
import type { FormValues } from '@/domain/generator-form';

type Props = {
  open: boolean;
  onToggle: (open: boolean) => void;
  values: FormValues;
  set: (field: keyof FormValues, value: string) => void;
  models: OfferedModel[];
  plan: Plan;
  errors: FieldErrors;
};

const TIER_LABELS: Record<Tier, string> = { turbo: 'Turbo', fast: 'Fast', relax: 'Relax' };
const priceNote = (factor: number) => (factor === 0 ? 'free' : factor === 1 ? 'standard price' : `${factor}× price`);
const selectClass = 'w-full rounded-md border border-edge bg-ink px-3 py-2 text-sm outline-none focus:border-accent';

/** Sampler, steps, guidance, seed, tier and model: collapsed by default, and remembered open or shut. */
export function AdvancedSettings({ open, onToggle, values, set, models, plan, errors }: Props) {
  const tiers = allowedTiers(plan);
  const changed = (field: keyof FormValues) => (e: { target: { value: string } }) => set(field, e.target.value);
  const hasError = ['steps', 'guidance', 'seed', 'sampler', 'tier', 'model'].some((k) => errors[k as keyof FieldErrors]);
  return (
    <details id="advanced-settings" open={open || hasError} onToggle={(e) => onToggle(e.currentTarget.open)} className="rounded-md border border-edge">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-zinc-300">Advanced settings</summary>
      <div className="grid grid-cols-2 gap-3 border-t border-edge p-3">
        <Field label="Steps" name="steps" type="number" inputMode="numeric" min={LIMITS.stepsMin} max={LIMITS.stepsMax} value={values.steps} onChange={changed('steps')} error={errors.steps} />
        <Field label="Guidance" name="guidance" type="number" inputMode="decimal" step={0.5} min={LIMITS.guidanceMin} max={LIMITS.guidanceMax} value={values.guidance} onChange={changed('guidance')} error={errors.guidance} />
        <Field label="Seed" name="seed" type="number" inputMode="numeric" min={0} value={values.seed} onChange={changed('seed')} error={errors.seed} placeholder="random" />
        <div>
          <label htmlFor="field-sampler" className="mb-1 block text-sm font-medium text-zinc-300">Sampler</label>
          <select id="field-sampler" name="sampler" value={values.sampler} onChange={changed('sampler')} className={selectClass}>
            {SAMPLERS.map((s) => <option key={s} value={s}>{SAMPLER_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="col-span-2">
          <label htmlFor="field-tier" className="mb-1 block text-sm font-medium text-zinc-300">Tier</label>
          <select id="field-tier" name="tier" value={values.tier} onChange={changed('tier')} className={selectClass} aria-describedby="field-tier-hint">
            {tiers.map((t) => (
              <option key={t} value={t}>
                {TIER_LABELS[t]} — {priceNote(PLAN_RULES[plan].priceFactor[t]!)}
              </option>
            ))}
          </select>
          <p id="field-tier-hint" className="mt-1 text-xs text-muted">
            {tiers.length === 1 ? `The ${PLAN_RULES[plan].label} plan runs on Relax.` : 'Turbo jumps ahead; Relax waits for quiet moments.'}
          </p>
          {errors.tier && <p className="mt-1 text-xs text-red-400">{errors.tier}</p>}
        </div>
        <div className="col-span-2">
          <label htmlFor="field-model" className="mb-1 block text-sm font-medium text-zinc-300">Model</label>
          <select id="field-model" name="model" value={values.model} onChange={changed('model')} className={selectClass} aria-describedby={errors.model ? 'field-model-error' : undefined}>
            {models.map((m) => <option key={m.id} value={m.id}>{m.displayName}{m.isTest ? ' (test model)' : ''}</option>)}
          </select>
          {errors.model && <p id="field-model-error" className="mt-1 text-xs text-red-400">{errors.model}</p>}
        </div>
      </div>
    </details>
  );
}
