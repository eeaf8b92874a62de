import { EDIT_LIMITS, gridUp, type Extend } from '@/domain/edit-modes';

export type AspectPreset = { label: string; w: number; h: number };

export const ASPECT_PRESETS: AspectPreset[] = [
  { label: '1:1', w: 1, h: 1 },
  { label: '4:3', w: 4, h: 3 },
  { label: '3:4', w: 3, h: 4 },
  { label: '16:9', w: 16, h: 9 },
  { label: '9:16', w: 9, h: 16 },
];

export const NO_EXTEND: Extend = { left: 0, right: 0, top: 0, bottom: 0 };

/** Splits `total` extra pixels over two sides, each on the 8-pixel grid the server rounds to. */
function split(total: number): [number, number] {
  const first = Math.min(EDIT_LIMITS.extendMax, gridUp(total / 2));
  const second = Math.min(EDIT_LIMITS.extendMax, gridUp(Math.max(0, total - first)));
  return [first, second];
}

/**
 * The extension that brings a `width` x `height` image to an aspect ratio by growing its short
 * dimension evenly on both sides (never cropping). Sides are capped at the server's limit, so a
 * far-off ratio comes out as close as the limit allows.
 */
export function extendToAspect(width: number, height: number, preset: AspectPreset): Extend {
  const ratio = preset.w / preset.h;
  const w = gridUp(width);
  const h = gridUp(height);
  if (w / h < ratio) {
    const [left, right] = split(Math.round(h * ratio) - w);
    return { ...NO_EXTEND, left, right };
  }
  const [top, bottom] = split(Math.round(w / ratio) - h);
  return { ...NO_EXTEND, top, bottom };
}

export const sameExtend = (a: Extend, b: Extend) => a.left === b.left && a.right === b.right && a.top === b.top && a.bottom === b.bottom;

export const extendTotal = (e: Extend) => e.left + e.right + e.top + e.bottom;
