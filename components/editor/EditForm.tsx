'use client';
import { LIMITS } from '@/domain/generation-params';
import { Alert } from '../ui/Alert';
import type { EditTool } from './edit-request';
import { RangeField } from './RangeField';

export type EditFormValues = { prompt: string; strength: number; steps: number };

type Props = {
  tool: EditTool;
  values: EditFormValues;
  onChange: (values: EditFormValues) => void;
  estimate: { width: number; height: number; steps: number; credits: number };
  busy: boolean;
  error: string | null;
  fields: Partial<Record<string, string>>;
  onSubmit: () => void;
};

const SUBMIT: Record<EditTool, string> = { inpaint: 'Generate', extend: 'Extend', upscale: 'Upscale x2' };
const STRENGTH_HINT: Record<EditTool, string> = {
  inpaint: 'How far the masked area may move from the original: 1 repaints it from scratch.',
  extend: 'Keep it at 1: the new area has nothing to start from.',
  upscale: 'Low keeps the picture and adds detail; high redraws it.',
};

/** Prompt, strength, steps, what it makes and costs, and the submit button for the chosen tool. */
export function EditForm({ tool, values, onChange, estimate, busy, error, fields, onSubmit }: Props) {
  const set = <K extends keyof EditFormValues>(k: K, v: EditFormValues[K]) => onChange({ ...values, [k]: v });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      className="space-y-3 rounded-xl border border-edge bg-panel p-3"
    >
      <div>
        <label htmlFor="edit-prompt" className="mb-1 block text-sm font-medium text-zinc-300">Prompt</label>
        <textarea
          id="edit-prompt"
          rows={3}
          value={values.prompt}
          onChange={(e) => set('prompt', e.target.value)}
          aria-invalid={fields.prompt ? true : undefined}
          aria-describedby={fields.prompt ? 'edit-prompt-error' : undefined}
          className={`w-full resize-y rounded-md border bg-ink px-3 py-2 text-sm outline-none focus:border-accent ${fields.prompt ? 'border-red-500' : 'border-edge'}`}
        />
        {fields.prompt && <p id="edit-prompt-error" className="mt-1 text-xs text-red-400">{fields.prompt}</p>}
      </div>
      <RangeField id="edit-strength" label="Strength" value={values.strength} min={0.05} max={1} step={0.05} onChange={(v) => set('strength', v)} display={values.strength.toFixed(2)} hint={fields.strength ?? STRENGTH_HINT[tool]} />
      <RangeField id="edit-steps" label="Steps" value={values.steps} min={LIMITS.stepsMin} max={LIMITS.stepsMax} step={1} onChange={(v) => set('steps', v)} display={String(values.steps)} hint={fields.steps} />
      <p className="text-xs text-muted" data-testid="edit-estimate">
        Makes {estimate.width} × {estimate.height} in {estimate.steps} step{estimate.steps === 1 ? '' : 's'} · costs {estimate.credits} credit{estimate.credits === 1 ? '' : 's'}
      </p>
      {error && <Alert>{error}</Alert>}
      <button type="submit" disabled={busy} className="w-full rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-60">
        {busy ? 'Sending…' : SUBMIT[tool]}
      </button>
    </form>
  );
}
