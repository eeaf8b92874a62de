'use client';
import { EDIT_LIMITS, editOutputSize, gridUp, type Extend } from '@/domain/edit-modes';
import type { EditSource } from './edit-request';
import { ASPECT_PRESETS, extendToAspect, sameExtend } from './extend-presets';

const SIDES = [
  ['left', 'Left'],
  ['right', 'Right'],
  ['top', 'Top'],
  ['bottom', 'Bottom'],
] as const;
const button = 'rounded-md border border-edge px-3 py-1.5 text-sm hover:bg-edge';
const pressed = 'border-accent bg-accent text-white hover:bg-accent-strong';

/** The grown canvas drawn to scale: the image where it will sit, the new area hatched inside a dashed outline. */
export function ExtendPreview({ source, extend }: { source: EditSource; extend: Extend }) {
  const out = editOutputSize('outpaint', source.width, source.height, extend);
  const pct = (v: number, of: number) => `${(gridUp(v) / of) * 100}%`;
  return (
    <figure className="space-y-2">
      <div
        data-testid="extend-preview"
        className="relative mx-auto overflow-hidden rounded-lg border-2 border-dashed border-link bg-[repeating-linear-gradient(45deg,#272b38_0_8px,#161922_8px_16px)]"
        style={{ aspectRatio: `${out.width} / ${out.height}`, width: `min(100%, calc(70vh * ${out.width / out.height}))` }}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a signed, expiring URL */}
        <img
          src={source.url}
          alt={`Image to extend: ${source.prompt}`}
          className="img-smooth absolute"
          style={{ left: pct(extend.left, out.width), top: pct(extend.top, out.height), width: pct(source.width, out.width), height: pct(source.height, out.height) }}
        />
      </div>
      <figcaption className="text-center text-xs text-muted">
        {source.width} × {source.height} → {out.width} × {out.height}; the hatched area is painted to match.
      </figcaption>
    </figure>
  );
}

type Props = { source: EditSource; extend: Extend; onChange: (extend: Extend) => void; errors?: string };

export function ExtendControls({ source, extend, onChange, errors }: Props) {
  return (
    <fieldset className="space-y-3 rounded-xl border border-edge bg-panel p-3">
      <legend className="px-1 text-sm font-medium text-zinc-300">Extend the canvas</legend>
      <div role="group" aria-label="Aspect ratio presets" className="flex flex-wrap gap-1.5">
        {ASPECT_PRESETS.map((p) => {
          const target = extendToAspect(source.width, source.height, p);
          const active = sameExtend(target, extend);
          return (
            <button key={p.label} type="button" aria-pressed={active} onClick={() => onChange(target)} className={`${button} ${active ? pressed : ''}`}>
              {p.label}
            </button>
          );
        })}
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {SIDES.map(([side, label]) => (
          <div key={side}>
            <label htmlFor={`extend-${side}`} className="mb-1 block text-xs text-zinc-400">{label} (px)</label>
            <input
              id={`extend-${side}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={EDIT_LIMITS.extendMax}
              step={8}
              value={extend[side]}
              onChange={(e) => onChange({ ...extend, [side]: Math.max(0, Math.min(EDIT_LIMITS.extendMax, Math.round(Number(e.target.value) || 0))) })}
              className="w-full rounded-md border border-edge bg-ink px-2 py-1.5 text-sm tabular-nums outline-none focus:border-accent"
            />
          </div>
        ))}
      </div>
      <p className="text-xs text-muted">Up to {EDIT_LIMITS.extendMax} px a side, rounded up to a multiple of 8.</p>
      {errors && <p role="alert" className="text-xs text-red-400">{errors}</p>}
    </fieldset>
  );
}
