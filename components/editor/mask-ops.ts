/**
 * Pixel rules of the mask editor, on RGBA buffers as canvas ImageData holds them. The editor paints
 * the mask as coloured strokes on a transparent canvas, so a pixel's alpha says whether it is
 * masked; antialiased stroke edges are half-transparent and count from half coverage up.
 */
const MASKED_FROM = 128;

export const isMaskedAlpha = (alpha: number) => alpha >= MASKED_FROM;

/** True when no pixel is masked: Generate refuses an empty mask before uploading anything. */
export function isMaskEmpty(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (isMaskedAlpha(rgba[i])) return false;
  return true;
}

/** The fraction of pixels masked, for the editor's "covers N%" line. */
export function maskCoverage(rgba: Uint8ClampedArray): number {
  const pixels = rgba.length / 4;
  if (pixels === 0) return 0;
  let masked = 0;
  for (let i = 3; i < rgba.length; i += 4) if (isMaskedAlpha(rgba[i])) masked++;
  return masked / pixels;
}

/**
 * Swaps masked and unmasked in place: masked pixels become fully transparent and the rest take
 * the stroke colour, fully opaque, so the overlay looks the same as painted strokes.
 */
export function invertMask(rgba: Uint8ClampedArray, color: readonly [number, number, number]): void {
  for (let i = 0; i < rgba.length; i += 4) {
    const masked = isMaskedAlpha(rgba[i + 3]);
    rgba[i] = masked ? 0 : color[0];
    rgba[i + 1] = masked ? 0 : color[1];
    rgba[i + 2] = masked ? 0 : color[2];
    rgba[i + 3] = masked ? 0 : 255;
  }
}

/**
 * The mask as the server reads it: opaque, white where to repaint and black where to keep. Hard
 * edges on purpose: the server feathers by the Feather setting, and a soft edge here would feather twice.
 */
export function toBlackWhite(rgba: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const v = isMaskedAlpha(rgba[i + 3]) ? 255 : 0;
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return out;
}
