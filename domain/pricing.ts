/**
 * One credit buys one denoising step of a 512x512 image; smaller images cost proportionally
 * less, and every generation costs at least one credit.
 *   credits = max(1, ceil(width * height * steps * images / 262144))
 */
export const PIXELS_PER_CREDIT_STEP = 512 * 512;

export function priceGeneration(p: { width: number; height: number; steps: number; images: number }): number {
  return Math.max(1, Math.ceil((p.width * p.height * p.steps * p.images) / PIXELS_PER_CREDIT_STEP));
}
