/** Orthonormal 8x8 DCT-II and its inverse (DCT-III), the same transform JPEG quantises. */
export const BLOCK = 8;

const BASIS = (() => {
  const m = new Float64Array(BLOCK * BLOCK);
  for (let u = 0; u < BLOCK; u++) {
    const scale = u === 0 ? Math.sqrt(1 / BLOCK) : Math.sqrt(2 / BLOCK);
    for (let x = 0; x < BLOCK; x++) m[u * BLOCK + x] = scale * Math.cos(((2 * x + 1) * u * Math.PI) / (2 * BLOCK));
  }
  return m;
})();

const scratch = new Float64Array(BLOCK * BLOCK);

/** Reads the block at (bx, by) of a plane into `out` as coefficients, out[v * 8 + u]. */
export function dctBlock(plane: Float32Array, width: number, bx: number, by: number, out: Float64Array): void {
  const origin = by * BLOCK * width + bx * BLOCK;
  for (let y = 0; y < BLOCK; y++) {
    const row = origin + y * width;
    for (let u = 0; u < BLOCK; u++) {
      let s = 0;
      for (let x = 0; x < BLOCK; x++) s += BASIS[u * BLOCK + x] * plane[row + x];
      scratch[y * BLOCK + u] = s;
    }
  }
  for (let v = 0; v < BLOCK; v++) {
    for (let u = 0; u < BLOCK; u++) {
      let s = 0;
      for (let y = 0; y < BLOCK; y++) s += BASIS[v * BLOCK + y] * scratch[y * BLOCK + u];
      out[v * BLOCK + u] = s;
    }
  }
}

/** Writes coefficients back into the block at (bx, by). */
export function idctBlock(coeffs: Float64Array, plane: Float32Array, width: number, bx: number, by: number): void {
  for (let y = 0; y < BLOCK; y++) {
    for (let u = 0; u < BLOCK; u++) {
      let s = 0;
      for (let v = 0; v < BLOCK; v++) s += BASIS[v * BLOCK + y] * coeffs[v * BLOCK + u];
      scratch[y * BLOCK + u] = s;
    }
  }
  const origin = by * BLOCK * width + bx * BLOCK;
  for (let y = 0; y < BLOCK; y++) {
    for (let x = 0; x < BLOCK; x++) {
      let s = 0;
      for (let u = 0; u < BLOCK; u++) s += BASIS[u * BLOCK + x] * scratch[y * BLOCK + u];
      plane[origin + y * width + x] = s;
    }
  }
}
