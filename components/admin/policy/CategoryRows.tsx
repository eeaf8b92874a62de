'use client';
import { useRef, useState } from 'react';
import { policyField } from '@/domain/policy-form';

export type CategoryValue = { id: string; label: string; action: 'block' | 'flag'; negativeAllowed: boolean; terms: string[] };
type Row = { key: string; isNew: boolean; initial: CategoryValue };

const control = 'w-full rounded-md border bg-ink px-3 py-2 text-sm outline-none focus:border-accent';
const border = (invalid: boolean) => (invalid ? 'border-red-500' : 'border-edge');

/**
 * The categories as uncontrolled rows: typing costs no re-render, and the form's data is what the
 * server reads. Rows are numbered by position, so removing one renumbers the rest.
 */
export function CategoryRows({ initial, errorField, errorId }: { initial: CategoryValue[]; errorField?: string; errorId: string }) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((c) => ({ key: `c-${c.id}`, isNew: false, initial: c })));
  const added = useRef(0);
  const invalid = (name: string) => (errorField === name ? { 'aria-invalid': true, 'aria-describedby': errorId } : {});

  function addRow() {
    added.current += 1;
    setRows((r) => [...r, { key: `new-${added.current}`, isNew: true, initial: { id: '', label: '', action: 'flag', negativeAllowed: false, terms: [] } }]);
  }

  return (
    <div className="space-y-4">
      {rows.length === 0 && <p className="text-sm text-zinc-400">No categories: every prompt is allowed. Add one to start blocking or flagging terms.</p>}
      {rows.map(({ key, isNew, initial: c }, i) => (
        <fieldset key={key} className="grid gap-3 rounded-lg border border-edge bg-panel p-4 sm:grid-cols-[1fr_2fr_1fr]">
          <legend className="px-1 text-sm font-medium text-zinc-200">{isNew ? `New category (${i + 1})` : `${c.label} (${i + 1})`}</legend>
          {isNew ? (
            <label className="flex flex-col gap-1 text-sm">
              Id (lower-case, hyphens; fixed once saved)
              <input name={policyField.id(i)} required pattern="[a-z0-9][a-z0-9\-]*" maxLength={40} autoFocus className={`${control} ${border(errorField === policyField.id(i))}`} {...invalid(policyField.id(i))} />
            </label>
          ) : (
            <div className="flex flex-col gap-1 text-sm">
              <span>Id</span>
              <span className="py-2 font-mono text-zinc-300">{c.id}</span>
              <input type="hidden" name={policyField.id(i)} value={c.id} />
            </div>
          )}
          <label className="flex flex-col gap-1 text-sm">
            Label (shown to users when their prompt is blocked)
            <input name={policyField.label(i)} defaultValue={c.label} required maxLength={100} className={`${control} ${border(errorField === policyField.label(i))}`} {...invalid(policyField.label(i))} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Action
            <select name={policyField.action(i)} defaultValue={c.action} className={`${control} ${border(errorField === policyField.action(i))}`} {...invalid(policyField.action(i))}>
              <option value="block">Block the prompt</option>
              <option value="flag">Flag for review</option>
            </select>
          </label>
          <label className="flex items-start gap-2 text-sm sm:col-span-3">
            <input type="checkbox" name={policyField.negativeAllowed(i)} value="true" defaultChecked={c.negativeAllowed} className="mt-1 accent-accent" />
            <span>
              Allowed in the negative prompt
              <span className="block text-xs text-zinc-400">
                People name what they want to avoid there (“nsfw, nude”). Its terms in the negative prompt are recorded on the generation, not
                blocked or flagged, and count no strike; in the prompt they act as set above.
              </span>
            </span>
          </label>
          <label className="flex flex-col gap-1 text-sm sm:col-span-3">
            Terms, one word or phrase per line
            <textarea
              name={policyField.terms(i)}
              defaultValue={c.terms.join('\n')}
              rows={Math.min(10, Math.max(3, c.terms.length))}
              spellCheck={false}
              className={`${control} font-mono ${border(errorField === policyField.terms(i))}`}
              {...invalid(policyField.terms(i))}
            />
          </label>
          <div className="sm:col-span-3">
            <button type="button" onClick={() => setRows((r) => r.filter((row) => row.key !== key))} className="text-sm text-red-300 hover:underline">
              Remove {isNew ? 'this new category' : `“${c.label}”`} and its terms
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" onClick={addRow} className="rounded-md border border-edge px-3 py-2 text-sm text-zinc-200 hover:bg-edge/60">
        Add a category
      </button>
    </div>
  );
}
