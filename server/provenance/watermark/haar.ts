/** One level of a 2-D Haar transform. Orthonormal, so a change of energy E in a band is a change of E in pixels. */
export interface HaarBands {
  width: number;
  height: number;
  ll: Float32Array;
  lh: Float32Array;
  hl: Float32Array;
  hh: Float32Array;
}

/** Width and height must be even; the bands are half of each. */
export function haarForward(plane: Float32Array, width: number, height: number): HaarBands {
  if (width % 2 || height % 2) throw new RangeError(`Haar needs even sides, got ${width}x${height}`);
  const w = width / 2;
  const h = height / 2;
  const bands = { width: w, height: h, ll: new Float32Array(w * h), lh: new Float32Array(w * h), hl: new Float32Array(w * h), hh: new Float32Array(w * h) };
  for (let y = 0; y < h; y++) {
    const top = 2 * y * width;
    const bottom = top + width;
    for (let x = 0; x < w; x++) {
      const a = plane[top + 2 * x];
      const b = plane[top + 2 * x + 1];
      const c = plane[bottom + 2 * x];
      const d = plane[bottom + 2 * x + 1];
      const i = y * w + x;
      bands.ll[i] = (a + b + c + d) / 2;
      bands.lh[i] = (a - b + c - d) / 2;
      bands.hl[i] = (a + b - c - d) / 2;
      bands.hh[i] = (a - b - c + d) / 2;
    }
  }
  return bands;
}

export function haarInverse(bands: HaarBands): Float32Array {
  const { width: w, height: h, ll, lh, hl, hh } = bands;
  const width = 2 * w;
  const plane = new Float32Array(width * 2 * h);
  for (let y = 0; y < h; y++) {
    const top = 2 * y * width;
    const bottom = top + width;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      plane[top + 2 * x] = (ll[i] + lh[i] + hl[i] + hh[i]) / 2;
      plane[top + 2 * x + 1] = (ll[i] - lh[i] + hl[i] - hh[i]) / 2;
      plane[bottom + 2 * x] = (ll[i] + lh[i] - hl[i] - hh[i]) / 2;
      plane[bottom + 2 * x + 1] = (ll[i] - lh[i] - hl[i] + hh[i]) / 2;
    }
  }
  return plane;
}
