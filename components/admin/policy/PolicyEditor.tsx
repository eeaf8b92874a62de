'use client';
import { startTransition, useActionState, type FormEvent } from 'react';
import { policyField } from '@/domain/policy-form';
import type { PolicyVerdict } from '@/server/safety/match-policy';
import { messageOf, type FormAction } from '../ActionMessage';
import { CategoryRows, type CategoryValue } from './CategoryRows';
import { PolicyTestResult } from './PolicyTestResult';

type Props = {
  categories: CategoryValue[];
  allow: string[];
  version: string;
  saveAction: FormAction;
  testAction: FormAction<{ result: PolicyVerdict }>;
};

const control = 'w-full rounded-md border bg-ink px-3 py-2 text-sm outline-none focus:border-accent';
const SAVE_ERROR = 'policy-save-error';

export function PolicyEditor({ categories, allow, version, saveAction, testAction }: Props) {
  const [saved, save, saving] = useActionState(saveAction, undefined);
  const [tested, test, testing] = useActionState(testAction, undefined);
  // A refusal names at most one control to mark (see savePolicyAction).
  const errorField = saved && !saved.ok ? Object.keys(saved.error.fields ?? {})[0] : undefined;

  // Submitted by hand, not through <form action>: React resets a form after its action runs, which
  // would throw away a draft the server refused. Both buttons send the whole draft.
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const isTest = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'test';
    const data = new FormData(e.currentTarget);
    startTransition(() => (isTest ? test(data) : save(data)));
  }

  return (
    <form onSubmit={submit} className="space-y-6">
      <input type="hidden" name={policyField.baseVersion} value={version} />
      {/* Keyed by version: after a save the rows start again from what was stored. */}
      <CategoryRows key={version} initial={categories} errorField={errorField} errorId={SAVE_ERROR} />

      <div>
        <label htmlFor="policy-allow" className="mb-1 block text-sm font-medium text-zinc-300">
          Allowlist: phrases never matched, one per line
        </label>
        <textarea
          key={version}
          id="policy-allow"
          name={policyField.allow}
          defaultValue={allow.join('\n')}
          rows={Math.min(8, Math.max(3, allow.length))}
          spellCheck={false}
          aria-invalid={errorField === policyField.allow || undefined}
          aria-describedby={errorField === policyField.allow ? SAVE_ERROR : undefined}
          className={`${control} font-mono ${errorField === policyField.allow ? 'border-red-500' : 'border-edge'}`}
        />
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" name="intent" value="save" disabled={saving} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
          {saving ? 'Saving…' : 'Save policy'}
        </button>
        <span className="text-xs text-muted">Nothing changes for users until you save.</span>
        <div aria-live="polite" className="basis-full">
          {saved && (
            <p id={SAVE_ERROR} className={`text-sm ${saved.ok ? 'text-emerald-300' : 'text-red-300'}`}>
              {messageOf(saved)}
            </p>
          )}
        </div>
      </div>

      <fieldset className="space-y-3 rounded-lg border border-edge p-4">
        <legend className="px-1 text-sm font-medium text-zinc-200">Try a prompt against this draft (unsaved edits included)</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="flex flex-col gap-1 text-sm">
            Prompt
            <textarea name={policyField.testPrompt} rows={2} maxLength={1000} className={`${control} border-edge`} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Negative prompt
            <textarea name={policyField.testNegativePrompt} rows={2} maxLength={1000} className={`${control} border-edge`} />
          </label>
        </div>
        <button type="submit" name="intent" value="test" disabled={testing} className="rounded-md border border-edge px-3 py-2 text-sm text-zinc-200 hover:bg-edge/60 disabled:opacity-50">
          {testing ? 'Testing…' : 'Test prompt against the draft'}
        </button>
        <div aria-live="polite">
          <PolicyTestResult state={tested} />
        </div>
      </fieldset>
    </form>
  );
}
