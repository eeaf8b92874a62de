'use client';
import { useMemo, useState, type FormEvent } from 'react';
import { PLAN_RULES, tierPrice, type Plan } from '@/domain/plans';
import { priceGeneration } from '@/domain/pricing';
import { effectiveSteps, fieldErrorsOf, generationInputSchema, type FieldErrors } from '@/domain/generation-params';
import type { ActionState } from '@/server/auth/action';
import type { CreatedGeneration } from '@/server/generations/create';
import type { OfferedModel } from '@/server/models/offered';
import { Alert } from '../ui/Alert';
import { AdvancedSettings } from './AdvancedSettings';
import type { FormValues } from '@/domain/generator-form';
import { InitImagePicker, type InitImage } from './InitImagePicker';
import { ModelCardNote } from './ModelCardNote';
import { PromptBox } from './PromptBox';
import { PromptHistory } from './PromptHistory';
import { SizeControls } from './SizeControls';
import { StyleField } from './StyleField';

type Props = {
  values: FormValues;
  setValues: (update: (v: FormValues) => FormValues) => void;
  initImage: InitImage | null;
  setInitImage: (image: InitImage | null) => void;
  advancedOpen: boolean;
  setAdvancedOpen: (open: boolean) => void;
  /** Gets the form's fields as a plain record (FormData), as generationInputSchema names them. */
  onSubmit: (input: Record<string, unknown>) => Promise<ActionState<CreatedGeneration>>;
  models: OfferedModel[];
  plan: Plan;
  history: string[];
  /** Why this account cannot generate (suspended), shown before anything is typed. */
  blocked: string | null;
  notice: string | null;
};

/**
 * Prompt first, then size and images, the style slot, the init image, and the advanced settings
 * folded away. Submitted as FormData, so every named control (a style picker too) is sent.
 */
export function GeneratorForm({ values, setValues, initImage, setInitImage, advancedOpen, setAdvancedOpen, onSubmit, models, plan, history, blocked, notice }: Props) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const model = models.find((m) => m.id === values.model) ?? models[0];
  const native = { width: model?.nativeWidth ?? 512, height: model?.nativeHeight ?? 512 };
  const set = (field: keyof FormValues, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const cost = useMemo(() => {
    const p = generationInputSchema.safeParse({ ...values, prompt: values.prompt || 'x', initImage: initImage?.id ?? '' });
    if (!p.success) return null;
    return tierPrice(priceGeneration({ ...p.data, steps: effectiveSteps(p.data), images: p.data.n }), plan, p.data.tier ?? PLAN_RULES[plan].defaultTier);
  }, [values, initImage, plan]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const request = Object.fromEntries(new FormData(e.currentTarget));
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
    <form onSubmit={submit} noValidate className="min-w-0 space-y-4 rounded-xl border border-edge bg-panel p-4 sm:p-5" aria-label="Generation settings">
      {blocked && <Alert>{blocked}</Alert>}
      {notice && <Alert tone="info">{notice}</Alert>}
      <PromptBox prompt={values.prompt} negativePrompt={values.negativePrompt} onChange={set} card={model?.card ?? null} errors={errors} />
      <ModelCardNote model={model} onExample={(p) => set('prompt', p)} />
      <PromptHistory history={history} onPick={(p) => set('prompt', p)} />
      <SizeControls width={values.width} height={values.height} n={values.n} native={native} onChange={(f) => setValues((v) => ({ ...v, ...f }))} errors={errors} />
      {/* The Style slot: the style picker, whose suggested settings fill the fields above and below. */}
      <StyleField value={values.style} onChange={(style, settings) => setValues((v) => ({ ...v, ...settings, style }))} />
      <InitImagePicker value={initImage} onChange={setInitImage} strength={values.strength} onStrength={(s) => set('strength', s)} error={errors.initImage ?? errors.strength} />
      <AdvancedSettings open={advancedOpen} onToggle={setAdvancedOpen} values={values} set={set} models={models} plan={plan} errors={errors} />
      {formError && <Alert>{formError}</Alert>}
      <button type="submit" disabled={pending || blocked !== null} className="w-full rounded-md bg-accent py-2.5 font-medium text-white hover:bg-accent-strong disabled:opacity-60">
        {pending ? 'Submitting…' : 'Generate'}
      </button>
      <p className="text-center text-xs text-muted">
        {cost !== null ? `Costs ${cost} credit${cost === 1 ? '' : 's'}` : 'Fix the settings to see the price'}
        {' · running generations keep going when you start another'}
      </p>
    </form>
  );
}
