/**
 * AUTOMATIC1111's "Original" emphasis on one encoded chunk, in place: each token's hidden state
 * [sequence, dim] is multiplied by its weight, then the whole chunk is rescaled so its mean is what
 * it was before. A chunk whose weights are all 1 is left bit-for-bit untouched.
 */
export function applyTokenWeights(hidden: Float32Array, weights: Float32Array, dim: number): void {
  if (weights.every((w) => w === 1)) return;
  const scaled = new Float64Array(hidden.length);
  let before = 0;
  let after = 0;
  for (let t = 0; t < weights.length; t++) {
    const weight = weights[t];
    for (let d = t * dim; d < (t + 1) * dim; d++) {
      before += hidden[d];
      scaled[d] = hidden[d] * weight;
      after += scaled[d];
    }
  }
  // Means over the same count, so their ratio is the ratio of sums. A1111 divides by zero here when
  // the weighted mean is 0 (all weights 0, say); keeping the plain weighted states is saner.
  const rescale = after !== 0 && Number.isFinite(before / after) ? before / after : 1;
  for (let i = 0; i < hidden.length; i++) hidden[i] = scaled[i] * rescale;
}
