'use client';
import { EDIT_LIMITS } from '@/domain/edit-modes';
import { RangeField } from './RangeField';
import type { BrushMode, MaskPainting } from './use-mask-painting';

type Props = {
  actions: Pick<MaskPainting, 'undo' | 'invert' | 'clear' | 'canUndo' | 'coverage'>;
  mode: BrushMode;
  onMode: (mode: BrushMode) => void;
  size: number;
  sizeRange: { min: number; max: number };
  onSize: (size: number) => void;
  feather: number;
  onFeather: (feather: number) => void;
};

const button = 'rounded-md border border-edge px-2.5 py-1.5 text-sm hover:bg-edge disabled:opacity-50 disabled:hover:bg-transparent';
const pressed = 'border-accent bg-accent text-white hover:bg-accent-strong';

export function MaskTools({ actions: painting, mode, onMode, size, sizeRange, onSize, feather, onFeather }: Props) {
  return (
    <div className="space-y-3 rounded-xl border border-edge bg-panel p-3">
      <div className="flex flex-wrap items-center gap-1.5">
        <div role="group" aria-label="Mask tool" className="flex gap-1.5">
          <button type="button" aria-pressed={mode === 'brush'} onClick={() => onMode('brush')} className={`${button} ${mode === 'brush' ? pressed : ''}`}>
            Brush
          </button>
          <button type="button" aria-pressed={mode === 'eraser'} onClick={() => onMode('eraser')} className={`${button} ${mode === 'eraser' ? pressed : ''}`}>
            Eraser
          </button>
        </div>
        <span aria-hidden className="h-6 w-px bg-edge" />
        <button type="button" onClick={painting.undo} disabled={!painting.canUndo} className={button}>Undo</button>
        <button type="button" onClick={painting.invert} className={button}>Invert</button>
        <button type="button" onClick={painting.clear} disabled={painting.coverage === 0} className={button}>Clear</button>
        <span className="ml-auto text-xs tabular-nums text-muted" aria-live="polite">{Math.round(painting.coverage * 100)}% masked</span>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <RangeField id="mask-brush-size" label="Brush size" value={size} min={sizeRange.min} max={sizeRange.max} step={1} onChange={onSize} display={`${size} px`} />
        <RangeField
          id="mask-feather"
          label="Feather"
          value={feather}
          min={0}
          max={EDIT_LIMITS.featherMax}
          step={1}
          onChange={onFeather}
          display={`${feather} px`}
          hint="Softens the mask's edge so the repaint blends in."
        />
      </div>
    </div>
  );
}
