'use client';
import { useMemo, useState, type FormEvent } from 'react';
import { allowedTiers, PLAN_RULES, tierPrice, type Plan, type Tier } from '@/domain/plans';
import { priceGeneration } from '@/domain/pricing';
import type { ActionState } from '@/server/auth/action';
import type { CreatedGeneration } from '@/server/generations/create';
import { effectiveSteps, fieldErrorsOf, generationInputSchema, LIMITS, SAMPLER_LABELS, SAMPLERS, type FieldErrors } from '@/domain/generation-params';
import type { InstalledModel } from '@/server/models/installed';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { InitImagePicker, type InitImage } from './InitImagePicker';

type Props = {
  onSubmit: (input: Record<string, unknown>) => Promise<ActionState<CreatedGeneration>>;
  busy: boolean;
  models: InstalledModel[];
  defaultModel: string;
  plan: Plan;
};

const TIER_LABELS: Record<Tier, string> = { turbo: 'Turbo', fast: 'Fast', relax: 'Relax' };
const priceNote = (factor: number) => (factor === 0 ? 'free' : factor === 1 ? 'standard price' : `${factor}× price`);

const inputClass = 'w-full rounded-md border border-edge bg-ink px-3 py-2 text-sm outline-none focus:border-accent';

export function GeneratorForm({ onSubmit, busy, models, defaultModel, plan }: Props) {
  const tiers = allowedTiers(plan);
  const model = models.find((m) => m.id === defaultModel) ?? models[0];
  const [values, setValues] = useState({
    prompt: '',
    negativePrompt: '',
    width: String(model?.nativeWidth ?? 512),
    height: String(model?.nativeHeight ?? 512),
    steps: '20',
    guidance: '7.5',
    seed: '',
    sampler: 'ddim',
    model: model?.id ?? defaultModel,
    strength: '0.6',
    tier: PLAN_RULES[plan].defaultTier as string,
  });
  const [initImage, setInitImage] = useState<InitImage | null>(null);
  const request = useMemo(() => ({ ...values, initImage: initImage?.id ?? '' }), [values, initImage]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const cost = useMemo(() => {
    const p = generationInputSchema.safeParse({ ...request, prompt: request.prompt || 'x' });
    if (!p.success) return null;
    return tierPrice(priceGeneration({ ...p.data, steps: effectiveSteps(p.data), images: 1 }), plan, p.data.tier ?? PLAN_RULES[plan].defaultTier);
  }, [request, plan]);

  const set = (name: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = generationInputSchema.safeParse(request);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    setPending(true);
    try {
      const result = await onSubmit(request);
      if (result && !result.ok) {
        setErrors((result.error.fields ?? {}) as FieldErrors);
        setFormError(result.error.message);
      }
    } catch {
      setFormError('The server could not be reached. Your credits were not charged; try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 self-start rounded-xl border border-edge bg-panel p-5" aria-label="Generation settings">
      <div>
        <label htmlFor="field-prompt" className="mb-1 block text-sm font-medium text-zinc-300">Prompt</label>
        <textarea
          id="field-prompt"
          name="prompt"
          rows={4}
          maxLength={LIMITS.promptMax}
          value={values.prompt}
          onChange={set('prompt')}
          placeholder="a large red circle on a blue background"
          aria-invalid={errors.prompt ? true : undefined}
          aria-describedby={errors.prompt ? 'field-prompt-error' : undefined}
          className={`${inputClass} resize-y`}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
          }}
        />
        {errors.prompt && <p id="field-prompt-error" className="mt-1 text-xs text-red-400">{errors.prompt}</p>}
      </div>
      <Field label="Negative prompt" name="negativePrompt" value={values.negativePrompt} onChange={set('negativePrompt')} error={errors.negativePrompt} placeholder="what to avoid" />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Width" name="width" type="number" step={8} min={LIMITS.sizeMin} max={LIMITS.sizeMax} value={values.width} onChange={set('width')} error={errors.width} />
        <Field label="Height" name="height" type="number" step={8} min={LIMITS.sizeMin} max={LIMITS.sizeMax} value={values.height} onChange={set('height')} error={errors.height} />
        <Field label="Steps" name="steps" type="number" min={LIMITS.stepsMin} max={LIMITS.stepsMax} value={values.steps} onChange={set('steps')} error={errors.steps} />
        <Field label="Guidance" name="guidance" type="number" step={0.5} min={LIMITS.guidanceMin} max={LIMITS.guidanceMax} value={values.guidance} onChange={set('guidance')} error={errors.guidance} />
        <Field label="Seed" name="seed" type="number" min={0} value={values.seed} onChange={set('seed')} error={errors.seed} placeholder="random" />
        <div>
          <label htmlFor="field-sampler" className="mb-1 block text-sm font-medium text-zinc-300">Sampler</label>
          <select id="field-sampler" name="sampler" value={values.sampler} onChange={set('sampler')} className={inputClass}>
            {SAMPLERS.map((s) => <option key={s} value={s}>{SAMPLER_LABELS[s]}</option>)}
          </select>
        </div>
      </div>
      <InitImagePicker
        value={initImage}
        onChange={setInitImage}
        strength={values.strength}
        onStrength={(strength) => setValues((v) => ({ ...v, strength }))}
        error={errors.initImage ?? errors.strength}
      />
      <div>
        <label htmlFor="field-tier" className="mb-1 block text-sm font-medium text-zinc-300">Tier</label>
        <select id="field-tier" name="tier" value={values.tier} onChange={set('tier')} className={inputClass} aria-describedby="field-tier-hint">
          {tiers.map((t) => (
            <option key={t} value={t}>
              {TIER_LABELS[t]} — {priceNote(PLAN_RULES[plan].priceFactor[t]!)}
            </option>
          ))}
        </select>
        <p id="field-tier-hint" className="mt-1 text-xs text-zinc-500">
          {tiers.length === 1 ? `The ${PLAN_RULES[plan].label} plan runs on Relax.` : 'Turbo jumps ahead; Relax waits for quiet moments.'}
        </p>
        {errors.tier && <p className="mt-1 text-xs text-red-400">{errors.tier}</p>}
      </div>
      {models.length > 1 && (
        <div>
          <label htmlFor="field-model" className="mb-1 block text-sm font-medium text-zinc-300">Model</label>
          <select id="field-model" name="model" value={values.model} onChange={set('model')} className={inputClass}>
            {models.map((m) => <option key={m.id} value={m.id}>{m.displayName}</option>)}
          </select>
        </div>
      )}
      {formError && <Alert>{formError}</Alert>}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-accent py-2.5 font-medium text-white hover:bg-accent-strong disabled:opacity-60">
        {pending ? 'Submitting…' : 'Generate'}
      </button>
      <p className="text-center text-xs text-zinc-500">
        {cost !== null ? `Costs ${cost} credit${cost === 1 ? '' : 's'}` : 'Fix the settings to see the price'}
        {busy ? ' · the current image keeps going if you start another' : ''}
      </p>
    </form>
  );
}
