import type { RemixMode } from '@/domain/remix';

/** The generator's remix URL for an image (issue #15's contract; the generator page reads it). */
export function remixHref(imageId: string, mode: RemixMode): string {
  return `/generate?${new URLSearchParams({ remix: imageId, mode })}`;
}
