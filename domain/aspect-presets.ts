import { LIMITS } from './generation-params';

/** The aspect buttons of the generator, named by their ratio. */
export const ASPECT_RATIOS = ['1:1', '4:3', '3:4', '3:2', '2:3', '16:9', '9:16'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export type Size = { width: number; height: number };

const ratioOf = (r: AspectRatio): [number, number] => r.split(':').map(Number) as [number, number];
const toMultipleOf8 = (v: number) => Math.max(8, Math.round(v / 8) * 8);

/**
 * A size of ratio `r` with about the native size's pixel count, each side a multiple of 8 (the VAE's
 * factor) and within the form's limits: a model draws best near the area it was trained at.
 */
export function sizeForAspect(r: AspectRatio, native: Size): Size {
  const [a, b] = ratioOf(r);
  const area = native.width * native.height;
  let width = Math.sqrt((area * a) / b);
  let height = (width * b) / a;
  // Shrink (or grow) as a whole so the ratio survives the limits.
  const over = Math.max(width, height) / LIMITS.sizeMax;
  if (over > 1) [width, height] = [width / over, height / over];
  const under = LIMITS.sizeMin / Math.min(width, height);
  if (under > 1) [width, height] = [width * under, height * under];
  const clamp = (v: number) => Math.min(LIMITS.sizeMax, Math.max(LIMITS.sizeMin, toMultipleOf8(v)));
  return { width: clamp(width), height: clamp(height) };
}

/** The preset a size belongs to (within the rounding to 8), or null for a custom size. */
export function aspectOf(size: Size, native: Size): AspectRatio | null {
  return ASPECT_RATIOS.find((r) => {
    const preset = sizeForAspect(r, native);
    return preset.width === size.width && preset.height === size.height;
  }) ?? null;
}

/**
 * A short warning when a size is far from what the model was trained at: much larger repeats or
 * breaks subjects, much smaller loses detail. Null when it is close enough.
 */
export function sizeWarning(size: Size, native: Size): string | null {
  const scale = (size.width * size.height) / (native.width * native.height);
  const nativeText = `${native.width}×${native.height}`;
  if (scale > 2.25) return `Far larger than this model's native ${nativeText}: expect repeated or broken subjects.`;
  if (scale < 0.4) return `Far smaller than this model's native ${nativeText}: expect blurry, incomplete images.`;
  const stretch = Math.max(size.width / size.height, size.height / size.width);
  if (stretch > 2.5) return `A very long image for a model trained at ${nativeText}: subjects may repeat along it.`;
  return null;
}
