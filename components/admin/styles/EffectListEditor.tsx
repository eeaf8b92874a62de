'use client';
import { useState } from 'react';
import { defaultEffect, EFFECT_KINDS, EFFECT_LABELS, EFFECT_PARAMS, EFFECTS_MAX, type EffectKind, type StyleEffect } from '@/domain/styles/effects';

type Props = { value: StyleEffect[]; onChange: (effects: StyleEffect[]) => void; idScope: string };

const inputClass = 'w-full rounded-md border border-edge bg-ink px-2 py-1 text-sm';
const buttonClass = 'rounded-md border border-edge px-2 py-1 text-xs text-zinc-200 hover:bg-edge/60 disabled:opacity-40';

/** The style's post effects, applied top to bottom: each with its parameters, movable and removable. */
export function EffectListEditor({ value, onChange, idScope }: Props) {
  const [adding, setAdding] = useState<EffectKind>('enhance');
  const update = (i: number, patch: Record<string, number | string>) => onChange(value.map((e, j) => (j === i ? ({ ...e, ...patch } as StyleEffect) : e)));
  const move = (i: number, by: number) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium text-zinc-300">Post effects, applied in this order</legend>
      {value.length === 0 && <p className="text-sm text-muted">No effects: the image is left as the model made it.</p>}
      <ol className="space-y-2">
        {value.map((effect, i) => {
          const label = `${i + 1}. ${EFFECT_LABELS[effect.kind]}`;
          return (
            <li key={i} className="rounded-md border border-edge p-2" aria-label={label}>
              <div className="mb-2 flex items-center gap-2">
                <span className="text-sm font-medium">{label}</span>
                <span className="ml-auto flex gap-1">
                  <button type="button" className={buttonClass} onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${label} up`}>Up</button>
                  <button type="button" className={buttonClass} onClick={() => move(i, 1)} disabled={i === value.length - 1} aria-label={`Move ${label} down`}>Down</button>
                  <button type="button" className={buttonClass} onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Remove ${label}`}>Remove</button>
                </span>
              </div>
              <div className="grid grid-cols-2 gap-2">
                {EFFECT_PARAMS[effect.kind].map((p) => {
                  const id = `${idScope}-effect-${i}-${p.key}`;
                  const current = (effect as Record<string, number | string>)[p.key];
                  return (
                    <div key={p.key}>
                      <label htmlFor={id} className="mb-0.5 block text-xs text-zinc-400">{p.label}</label>
                      {'colour' in p ? (
                        <input id={id} type="color" value={String(current)} onChange={(e) => update(i, { [p.key]: e.target.value })} className="h-8 w-full rounded-md border border-edge bg-ink" />
                      ) : (
                        <input
                          id={id}
                          type="number"
                          min={p.min}
                          max={p.max}
                          step={p.step}
                          value={String(current)}
                          onChange={(e) => update(i, { [p.key]: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
                          className={inputClass}
                        />
                      )}
                    </div>
                  );
                })}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="flex items-end gap-2">
        <div>
          <label htmlFor={`${idScope}-add-effect`} className="mb-0.5 block text-xs text-zinc-400">Effect to add</label>
          <select id={`${idScope}-add-effect`} value={adding} onChange={(e) => setAdding(e.target.value as EffectKind)} className={inputClass}>
            {EFFECT_KINDS.map((k) => <option key={k} value={k}>{EFFECT_LABELS[k]}</option>)}
          </select>
        </div>
        <button type="button" className={buttonClass} disabled={value.length >= EFFECTS_MAX} onClick={() => onChange([...value, defaultEffect(adding)])}>
          Add effect
        </button>
      </div>
    </fieldset>
  );
}
