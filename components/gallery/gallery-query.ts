/**
 * The gallery's URL query (server/gallery/search-filters.ts parses it): the names, and the URL for
 * a set of values with the empty ones left out, so a bookmark holds only what was chosen.
 */
export const GALLERY_PARAMS = ['q', 'favourite', 'model', 'sampler', 'style', 'size', 'from', 'to', 'order'] as const;
export type GalleryParam = (typeof GALLERY_PARAMS)[number];

export function galleryHref(values: Partial<Record<GalleryParam, string | null | undefined>>): string {
  const params = new URLSearchParams();
  for (const name of GALLERY_PARAMS) {
    const value = values[name]?.trim();
    // Newest first is the default; leaving it out keeps one URL per search.
    if (value && !(name === 'order' && value === 'newest')) params.set(name, value);
  }
  const query = params.toString();
  return query ? `/gallery?${query}` : '/gallery';
}

/** The query as the grid sends it: only the gallery's own names, in a stable order (the cache key). */
export function galleryQueryOf(search: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of GALLERY_PARAMS) {
    const value = search.get(name);
    if (value) query[name] = value;
  }
  return query;
}

/** Whether anything narrows the list (the order alone does not). */
export const isFiltered = (query: Record<string, string>) => Object.keys(query).some((k) => k !== 'order');
