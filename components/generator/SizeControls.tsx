'use client';
import { ASPECT_RATIOS, aspectOf, sizeForAspect, sizeWarning, type Size } from '@/domain/aspect-presets';
import { LIMITS } from '@/domain/generation-params';
import { Field } from '../ui/Field';

type Props = {
  width: string;
  height: string;
  n: string;
  native: Size;
  onChange: (fields: { width?: string; height?: string; n?: string }) => void;
  errors: { width?: string; height?: string; n?: string };
};

const chip = (on: boolean) =>
  `min-w-11 rounded-md border px-2 py-1.5 text-sm tabular-nums ${on ? 'border-accent bg-accent/20 text-white' : 'border-edge text-zinc-300 hover:border-zinc-500'}`;

/** Aspect presets sized to the model's native area, custom width and height, and images per prompt. */
export function SizeControls({ width, height, n, native, onChange, errors }: Props) {
  const size = { width: Number(width), height: Number(height) };
  const valid = Number.isInteger(size.width) && Number.isInteger(size.height) && size.width > 0 && size.height > 0;
  const current = valid ? aspectOf(size, native) : null;
  const warning = valid && !errors.width && !errors.height ? sizeWarning(size, native) : null;
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-zinc-300">Aspect ratio</legend>
        <div className="flex flex-wrap gap-1.5">
          {ASPECT_RATIOS.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={current === r}
              onClick={() => {
                const s = sizeForAspect(r, native);
                onChange({ width: String(s.width), height: String(s.height) });
              }}
              className={chip(current === r)}
            >
              {r}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Width" name="width" type="number" inputMode="numeric" step={8} min={LIMITS.sizeMin} max={LIMITS.sizeMax} value={width} onChange={(e) => onChange({ width: e.target.value })} error={errors.width} />
        <Field label="Height" name="height" type="number" inputMode="numeric" step={8} min={LIMITS.sizeMin} max={LIMITS.sizeMax} value={height} onChange={(e) => onChange({ height: e.target.value })} error={errors.height} />
      </div>
      {warning && <p role="status" className="text-xs text-amber-300">{warning}</p>}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-zinc-300">Images</legend>
        <div className="flex gap-1.5">
          {Array.from({ length: LIMITS.imagesMax }, (_, i) => String(i + 1)).map((v) => (
            <label key={v} className={`${chip(n === v)} cursor-pointer text-center has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-link`}>
              <input type="radio" name="n" value={v} checked={n === v} onChange={() => onChange({ n: v })} className="sr-only" aria-label={`${v} image${v === '1' ? '' : 's'}`} />
              {v}
            </label>
          ))}
        </div>
        {errors.n && <p className="mt-1 text-xs text-red-400">{errors.n}</p>}
      </fieldset>
    </div>
  );
}
