/**
 * The final composite's weight of the generated image at each pixel, in [0, 1]: the mask itself
 * (255 = 1) and, around its repainted part (values >= 128), a ramp that falls from 1 to 0 over
 * `radius` pixels outward. The ramp lies outside the mask, never inside it, so everything the user
 * masked is fully new (no ghost of the old content) and every pixel the feather does not reach is
 * the original's exactly. Distances are chamfer (1, √2) distances, close enough to Euclidean for
 * a few pixels of feather.
 */
export function featherMask(mask: Uint8Array, width: number, height: number, radius: number): Float32Array {
  checkMask(mask, width, height);
  const alpha = new Float32Array(width * height);
  for (let p = 0; p < alpha.length; p++) alpha[p] = mask[p] / 255;
  if (radius <= 0) return alpha;
  const distance = distanceToMask(mask, width, height);
  const span = radius + 1;
  for (let p = 0; p < alpha.length; p++) {
    const d = distance[p];
    if (d >= span) continue;
    const t = 1 - d / span;
    const ramp = t * t * (3 - 2 * t); // smoothstep: no visible kink where the ramp meets the mask
    if (ramp > alpha[p]) alpha[p] = ramp;
  }
  return alpha;
}

/**
 * The generated image over the original through `alpha`: where alpha is 0 the original's bytes,
 * where it is 1 the generated ones, in between their rounded mix.
 */
export function compositeThroughMask(original: Uint8Array, generated: Uint8Array, alpha: Float32Array): Uint8Array {
  if (original.length !== generated.length || original.length !== alpha.length * 3) {
    throw new RangeError(`composite of ${original.length} and ${generated.length} bytes through a ${alpha.length}-pixel mask`);
  }
  const out = new Uint8Array(original.length);
  for (let p = 0; p < alpha.length; p++) {
    const a = alpha[p];
    for (let c = 0; c < 3; c++) {
      const i = p * 3 + c;
      out[i] = a === 0 ? original[i] : a === 1 ? generated[i] : Math.round(original[i] + (generated[i] - original[i]) * a);
    }
  }
  return out;
}

export function checkMask(mask: Uint8Array, width: number, height: number): void {
  if (mask.length !== width * height) throw new RangeError(`a ${width}x${height} mask needs ${width * height} bytes, got ${mask.length}`);
}

/** Chamfer distance of every pixel to the nearest mask pixel >= 128 (0 on it; Infinity when there is none). */
function distanceToMask(mask: Uint8Array, width: number, height: number): Float32Array {
  const d = new Float32Array(width * height);
  for (let p = 0; p < d.length; p++) d[p] = mask[p] >= 128 ? 0 : Infinity;
  const diagonal = Math.SQRT2;
  const relax = (p: number, q: number, cost: number) => {
    if (d[q] + cost < d[p]) d[p] = d[q] + cost;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (x > 0) relax(p, p - 1, 1);
      if (y > 0) {
        relax(p, p - width, 1);
        if (x > 0) relax(p, p - width - 1, diagonal);
        if (x < width - 1) relax(p, p - width + 1, diagonal);
      }
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const p = y * width + x;
      if (x < width - 1) relax(p, p + 1, 1);
      if (y < height - 1) {
        relax(p, p + width, 1);
        if (x < width - 1) relax(p, p + width + 1, diagonal);
        if (x > 0) relax(p, p + width - 1, diagonal);
      }
    }
  }
  return d;
}
