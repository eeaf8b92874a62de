'use client';
import { useActionState, useState } from 'react';
import { SAMPLER_LABELS, SAMPLERS } from '@/domain/generation-params';
import type { StyleEffect } from '@/domain/styles/effects';
import type { StyleOverrides } from '@/domain/styles/style-schema';
import { Field } from '@/components/ui/Field';
import { ActionMessage, type FormAction } from '../ActionMessage';
import { EffectListEditor } from './EffectListEditor';

export type EditableStyle = {
  slug: string;
  name: string;
  description: string;
  template: string;
  tokens: string[];
  negativePrompt: string;
  overrides: StyleOverrides;
  effects: StyleEffect[];
  version: number;
};

type Props = { action: FormAction; style?: EditableStyle; submitLabel: string };

const EMPTY: Omit<EditableStyle, 'version'> = { slug: '', name: '', description: '', template: '{prompt}, {tokens}', tokens: [], negativePrompt: '', overrides: {}, effects: [] };
const OVERRIDE_FIELDS = [
  ['steps', 'Steps'],
  ['guidance', 'Guidance'],
  ['width', 'Width'],
  ['height', 'Height'],
] as const;

/** Creates a style, or edits one (its slug fixed: requests and stored generations name it). */
export function StyleForm({ action, style, submitLabel }: Props) {
  const [state, run, pending] = useActionState(action, undefined);
  const start = style ?? EMPTY;
  const [effects, setEffects] = useState<StyleEffect[]>(start.effects);
  const scope = style ? `style-${style.slug}` : 'new-style';
  const fields = (state && !state.ok ? state.error.fields : undefined) ?? {};

  // Read from the form as it is submitted, so the inputs stay uncontrolled except the effect list.
  function submit(form: FormData) {
    const num = (k: string) => (form.get(k) === '' || form.get(k) === null ? undefined : Number(form.get(k)));
    const overrides = Object.fromEntries(
      [...OVERRIDE_FIELDS.map(([k]) => [k, num(`override-${k}`)] as const), ['sampler', form.get('override-sampler') || undefined] as const].filter(([, v]) => v !== undefined),
    );
    const definition = {
      slug: style?.slug ?? String(form.get('slug') ?? ''),
      name: form.get('name'),
      description: form.get('description'),
      template: form.get('template'),
      tokens: String(form.get('tokens') ?? '').split(',').map((t) => t.trim()).filter(Boolean),
      negativePrompt: form.get('negativePrompt'),
      overrides,
      effects,
    };
    const out = new FormData();
    out.set('definition', JSON.stringify(definition));
    if (style) {
      out.set('slug', style.slug);
      out.set('version', String(style.version));
    }
    return run(out);
  }

  return (
    <form action={submit} className="space-y-3 rounded-xl border border-edge bg-panel p-4" aria-label={style ? `Edit ${style.name}` : 'New style'}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field idScope={scope} label="Name" name="name" defaultValue={start.name} error={fields.name} required />
        {style ? (
          <p className="text-sm text-zinc-400">Slug: <code>{style.slug}</code></p>
        ) : (
          <Field idScope={scope} label="Slug" name="slug" defaultValue="" error={fields.slug} hint="Lowercase letters, digits, dashes; what the API sends. Cannot change later." required />
        )}
      </div>
      <Field idScope={scope} label="Description" name="description" defaultValue={start.description} error={fields.description} />
      <Field idScope={scope} label="Template" name="template" defaultValue={start.template} error={fields.template} hint="{prompt} is the user's prompt; {tokens} the style tokens (added at the end if absent)." />
      <Field idScope={scope} label="Style tokens" name="tokens" defaultValue={start.tokens.join(', ')} error={fields.tokens} hint="Comma-separated." />
      <Field idScope={scope} label="Negative prompt" name="negativePrompt" defaultValue={start.negativePrompt} error={fields.negativePrompt} hint="Added after the user's own." />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-zinc-300">Suggested settings (blank: the user&apos;s)</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {OVERRIDE_FIELDS.map(([k, label]) => (
            <Field key={k} idScope={scope} label={label} name={`override-${k}`} type="number" defaultValue={start.overrides[k] ?? ''} />
          ))}
          <div>
            <label htmlFor={`${scope}-override-sampler`} className="mb-1 block text-sm font-medium text-zinc-300">Sampler</label>
            <select id={`${scope}-override-sampler`} name="override-sampler" defaultValue={start.overrides.sampler ?? ''} className="w-full rounded-md border border-edge bg-ink px-3 py-2 text-sm">
              <option value="">User&apos;s choice</option>
              {SAMPLERS.map((s) => <option key={s} value={s}>{SAMPLER_LABELS[s]}</option>)}
            </select>
          </div>
        </div>
        {fields.overrides && <p className="mt-1 text-xs text-red-400">{fields.overrides}</p>}
      </fieldset>
      <EffectListEditor value={effects} onChange={setEffects} idScope={scope} />
      {fields.effects && <p className="text-xs text-red-400">{fields.effects}</p>}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-60">
          {pending ? 'Saving…' : submitLabel}
        </button>
        <ActionMessage state={state} className="text-sm" />
      </div>
    </form>
  );
}
