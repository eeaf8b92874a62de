/**
 * The watermark lives in luminance only. JPEG's (JFIF) Y is used so that an encoder's own colour
 * conversion reads back the same Y. Adding the same delta to R, G and B moves Y by exactly that
 * delta and leaves Cb and Cr untouched, so colours do not shift.
 */
export type Channels = 1 | 2 | 3 | 4;

export function lumaPlane(pixels: Uint8Array, width: number, height: number, channels: Channels): Float32Array {
  const plane = new Float32Array(width * height);
  for (let i = 0, p = 0; i < plane.length; i++, p += channels) {
    plane[i] = channels < 3 ? pixels[p] : 0.299 * pixels[p] + 0.587 * pixels[p + 1] + 0.114 * pixels[p + 2];
  }
  return plane;
}

/** How far each pixel's luminance can move, shifting R, G and B alike, before a channel clips. */
export function lumaHeadroom(pixels: Uint8Array, channels: Channels, count: number): { lo: Float32Array; hi: Float32Array } {
  const lo = new Float32Array(count);
  const hi = new Float32Array(count);
  const colours = channels < 3 ? 1 : 3;
  for (let i = 0, p = 0; i < count; i++, p += channels) {
    let min = pixels[p];
    let max = min;
    for (let c = 1; c < colours; c++) {
      const v = pixels[p + c];
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    lo[i] = -min;
    hi[i] = 255 - max;
  }
  return { lo, hi };
}

/** Adds `delta` to the colour channels of a copy of `pixels`; alpha is kept as it was. */
export function addLuma(pixels: Uint8Array, channels: Channels, delta: Float32Array): Uint8Array {
  const out = new Uint8Array(pixels);
  const colours = channels < 3 ? 1 : 3;
  for (let i = 0, p = 0; i < delta.length; i++, p += channels) {
    for (let c = 0; c < colours; c++) {
      const v = pixels[p + c] + delta[i] + 0.5;
      out[p + c] = v < 0 ? 0 : v >= 255 ? 255 : v; // Uint8Array truncates, so +0.5 rounds
    }
  }
  return out;
}

/** Weights that average each target cell over the source span it covers (box filter, any ratio). */
function areaWeights(from: number, to: number): { start: Int32Array; weights: Float32Array[] } {
  const ratio = from / to;
  const start = new Int32Array(to);
  const weights: Float32Array[] = [];
  for (let t = 0; t < to; t++) {
    const lo = t * ratio;
    const hi = lo + ratio;
    const first = Math.floor(lo);
    const last = Math.min(from - 1, Math.ceil(hi) - 1);
    const w = new Float32Array(last - first + 1);
    for (let s = first; s <= last; s++) w[s - first] = (Math.min(hi, s + 1) - Math.max(lo, s)) / ratio;
    start[t] = first;
    weights.push(w);
  }
  return { start, weights };
}

/** Box-resamples a plane; halving with it is exactly the Haar LL band divided by two. */
export function resamplePlane(plane: Float32Array, width: number, height: number, toWidth: number, toHeight: number): Float32Array {
  if (width === toWidth && height === toHeight) return plane;
  const cols = areaWeights(width, toWidth);
  const rows = areaWeights(height, toHeight);
  const wide = new Float32Array(toWidth * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < toWidth; x++) {
      const w = cols.weights[x];
      let s = 0;
      for (let k = 0; k < w.length; k++) s += w[k] * plane[y * width + cols.start[x] + k];
      wide[y * toWidth + x] = s;
    }
  }
  const out = new Float32Array(toWidth * toHeight);
  for (let y = 0; y < toHeight; y++) {
    const w = rows.weights[y];
    for (let k = 0; k < w.length; k++) {
      const row = (rows.start[y] + k) * toWidth;
      for (let x = 0; x < toWidth; x++) out[y * toWidth + x] += w[k] * wide[row + x];
    }
  }
  return out;
}
