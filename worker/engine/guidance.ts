/**
 * Classifier-free guidance over a batched UNet output [uncond; cond]:
 * uncond + scale * (cond - uncond), written into a new array of one item's size.
 */
export function applyGuidance(batched: Float32Array, itemSize: number, scale: number): Float32Array {
  if (batched.length !== itemSize * 2) throw new Error(`expected a batch of 2 x ${itemSize}, got ${batched.length} values`);
  const out = new Float32Array(itemSize);
  for (let i = 0; i < itemSize; i++) {
    const uncond = batched[i];
    out[i] = uncond + scale * (batched[itemSize + i] - uncond);
  }
  return out;
}
