'use client';
import { useActionState, useState } from 'react';
import { EFFECT_LABELS } from '@/domain/styles/effects';
import { ActionMessage, type FormAction } from '../ActionMessage';
import { StyleForm, type EditableStyle } from './StyleForm';

export type AdminStyle = EditableStyle & { description: string; previewUrl: string | null; retired: boolean };
type Actions = { update: FormAction; move: FormAction; retire: FormAction; restore: FormAction };

const buttonClass = 'rounded-md border border-edge px-2 py-1 text-xs text-zinc-200 hover:bg-edge/60 disabled:opacity-40';

function RowButton({ action, slug, label, fields = {} }: { action: FormAction; slug: string; label: string; fields?: Record<string, string> }) {
  const [state, run, pending] = useActionState(action, undefined);
  return (
    <form action={run} className="contents">
      <input type="hidden" name="slug" value={slug} />
      {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <button type="submit" disabled={pending} className={buttonClass}>{label}</button>
      {state && !state.ok && <ActionMessage state={state} className="w-full text-xs" />}
    </form>
  );
}

/** Every style in the picker's order: preview, what it does, and its controls. */
export function StyleList({ styles, actions }: { styles: AdminStyle[]; actions: Actions }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <ol className="space-y-3" aria-label="Styles in order">
      {styles.map((s, i) => (
        <li key={s.slug} className={`rounded-xl border border-edge p-3 ${s.retired ? 'opacity-70' : ''}`} aria-label={s.name}>
          <div className="flex flex-wrap items-center gap-3">
            {s.previewUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- a 128 px file from public/, nothing to optimise
              <img src={s.previewUrl} alt="" width={56} height={56} className="rounded-md" />
            ) : (
              <div aria-hidden className="grid h-14 w-14 place-items-center rounded-md bg-edge text-xs text-zinc-400">none</div>
            )}
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {s.name} <code className="text-xs text-muted">{s.slug}</code>
                {s.retired && <span className="ml-2 rounded bg-zinc-700 px-1.5 py-0.5 text-xs">Retired</span>}
              </p>
              <p className="truncate text-sm text-zinc-400">{s.description}</p>
              <p className="text-xs text-muted">{s.effects.map((e) => EFFECT_LABELS[e.kind]).join(' → ') || 'No effects'}</p>
            </div>
            <div className="flex flex-wrap gap-1">
              <RowButton action={actions.move} slug={s.slug} label="Up" fields={{ direction: 'up' }} key={`up-${i}`} />
              <RowButton action={actions.move} slug={s.slug} label="Down" fields={{ direction: 'down' }} key={`down-${i}`} />
              <button type="button" className={buttonClass} aria-expanded={editing === s.slug} onClick={() => setEditing(editing === s.slug ? null : s.slug)}>
                {editing === s.slug ? 'Close' : 'Edit'}
              </button>
              {s.retired ? <RowButton action={actions.restore} slug={s.slug} label="Restore" /> : <RowButton action={actions.retire} slug={s.slug} label="Retire" />}
            </div>
          </div>
          {editing === s.slug && (
            <div className="mt-3">
              <StyleForm key={s.version} action={actions.update} style={s} submitLabel={`Save ${s.name}`} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
