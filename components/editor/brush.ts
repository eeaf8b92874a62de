/** Brush sizes in the image's own pixels, so a brush covers the same part of any image. */
export function brushRange(width: number, height: number) {
  const long = Math.max(width, height);
  return { min: 1, max: Math.max(8, Math.round(long / 4)), initial: Math.max(2, Math.round(long / 12)) };
}
