import { createRng, standardNormal } from '../noise';

export interface CanvasExtension {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ExtendedCanvas {
  /** Interleaved RGB (HWC) of the new canvas, the original at (offset.left, offset.top). */
  rgb: Uint8Array;
  /** width*height bytes: 255 over the new area and an `overlap` band into the original, 0 elsewhere. */
  mask: Uint8Array;
  width: number;
  height: number;
  /** The extension actually applied, after rounding the canvas up to the 8-pixel grid. */
  extension: CanvasExtension;
}

export interface ExtendOptions {
  /** Pixels of the original the mask also covers along each new edge, so the join is repainted too. Default 8. */
  overlap?: number;
  /** Seed of the fill's noise (the fill is deterministic). */
  seed?: number;
}

/**
 * Outpainting's canvas: the image with the extension added on each side, the canvas rounded up
 * to multiples of 8 by extending the sides that grow (the right or bottom when both do). The new
 * area is the nearest edge pixel repeated, blurred more the further it lies from the image, plus
 * a little noise: the model gets the colours to continue, and no flat area or hard streaks that
 * it would copy. The mask covers the new area and a band of the original along each new edge.
 */
export function extendCanvas(
  rgb: Uint8Array,
  width: number,
  height: number,
  extension: CanvasExtension,
  { overlap = 8, seed = 0 }: ExtendOptions = {},
): ExtendedCanvas {
  if (rgb.length !== width * height * 3) throw new RangeError(`a ${width}x${height} image needs ${width * height * 3} bytes, got ${rgb.length}`);
  for (const [side, value] of Object.entries(extension)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`extension ${side} must be a non-negative integer, got ${value}`);
  }
  const ext = { ...extension };
  const padX = roundUp8(width + ext.left + ext.right) - (width + ext.left + ext.right);
  const padY = roundUp8(height + ext.top + ext.bottom) - (height + ext.top + ext.bottom);
  if (ext.left > 0 && ext.right === 0) ext.left += padX;
  else ext.right += padX;
  if (ext.top > 0 && ext.bottom === 0) ext.top += padY;
  else ext.bottom += padY;
  const W = width + ext.left + ext.right;
  const H = height + ext.top + ext.bottom;

  const out = new Uint8Array(W * H * 3);
  const mask = new Uint8Array(W * H);
  const noise = standardNormal(createRng(seed), W * H);
  const blurred = blurredEdgeFill(rgb, width, height);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const ox = x - ext.left;
      const oy = y - ext.top;
      const p = y * W + x;
      const inside = ox >= 0 && ox < width && oy >= 0 && oy < height;
      if (inside) {
        out.set(rgb.subarray((oy * width + ox) * 3, (oy * width + ox) * 3 + 3), p * 3);
        const nearNewEdge =
          (ext.left > 0 && ox < overlap) || (ext.right > 0 && ox >= width - overlap) ||
          (ext.top > 0 && oy < overlap) || (ext.bottom > 0 && oy >= height - overlap);
        if (nearNewEdge) mask[p] = 255;
        continue;
      }
      mask[p] = 255;
      const cx = Math.min(width - 1, Math.max(0, ox));
      const cy = Math.min(height - 1, Math.max(0, oy));
      const distance = Math.max(Math.abs(ox - cx), Math.abs(oy - cy));
      // Close to the image the edge pixel itself, further out its blurred neighbourhood.
      const t = Math.min(1, distance / 16);
      for (let c = 0; c < 3; c++) {
        const sharp = rgb[(cy * width + cx) * 3 + c];
        const soft = blurred[(cy * width + cx) * 3 + c];
        const v = sharp + (soft - sharp) * t + noise[p] * 6;
        out[p * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { rgb: out, mask, width: W, height: H, extension: ext };
}

function roundUp8(v: number): number {
  return Math.ceil(v / 8) * 8;
}

/** The image box-blurred (radius 1/8 of its smaller side, two passes per axis), edges clamped. */
function blurredEdgeFill(rgb: Uint8Array, width: number, height: number): Float32Array {
  const radius = Math.max(1, Math.round(Math.min(width, height) / 8));
  let planes: Float32Array = Float32Array.from(rgb);
  for (let pass = 0; pass < 2; pass++) {
    planes = boxBlur(planes, width, height, radius, 'x');
    planes = boxBlur(planes, width, height, radius, 'y');
  }
  return planes;
}

/** One box-blur pass along an axis, edges clamped; a running sum, so any radius costs the same. */
function boxBlur(src: Float32Array, width: number, height: number, radius: number, axis: 'x' | 'y'): Float32Array {
  const out = new Float32Array(src.length);
  const alongX = axis === 'x';
  const [lines, length] = alongX ? [height, width] : [width, height];
  const at = (line: number, k: number, c: number) => {
    const i = Math.min(length - 1, Math.max(0, k));
    return alongX ? src[(line * width + i) * 3 + c] : src[(i * width + line) * 3 + c];
  };
  for (let line = 0; line < lines; line++) {
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += at(line, k, c);
      for (let i = 0; i < length; i++) {
        out[alongX ? (line * width + i) * 3 + c : (i * width + line) * 3 + c] = sum / (2 * radius + 1);
        sum += at(line, i + radius + 1, c) - at(line, i - radius, c);
      }
    }
  }
  return out;
}
