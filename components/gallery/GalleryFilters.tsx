'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import type { FormEvent } from 'react';
import type { GalleryFilterOptions } from '@/server/gallery/filter-options';
import { galleryHref, galleryQueryOf, isFiltered, type GalleryParam } from './gallery-query';

const control = 'w-full rounded-md border border-edge bg-ink px-3 py-2 text-sm';

/**
 * The search box and filters. Their state is the URL (pushed, so back and forward step through
 * searches and a search can be bookmarked); the grid reads the same URL. A select, box or date
 * applies as soon as it changes; the text on Enter or the button.
 */
export function GalleryFilters({ options }: { options: GalleryFilterOptions }) {
  const router = useRouter();
  const search = useSearchParams();
  const query = galleryQueryOf(search);

  function apply(form: HTMLFormElement) {
    const data = new FormData(form);
    const values: Partial<Record<GalleryParam, string>> = {};
    for (const [name, value] of data) values[name as GalleryParam] = String(value);
    const href = galleryHref(values);
    if (href !== galleryHref(query)) router.push(href, { scroll: false });
  }
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    apply(e.currentTarget);
  };
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    // Typing in the search box waits for Enter; everything else applies at once.
    if ((e.target as HTMLInputElement).name !== 'q') apply(e.currentTarget);
  };

  const select = (name: GalleryParam, label: string, choices: { value: string; label: string }[]) => {
    // A bookmarked value the catalogue no longer lists (a removed model) still shows as chosen.
    const all = query[name] && !choices.some((c) => c.value === query[name]) ? [...choices, { value: query[name], label: query[name] }] : choices;
    return (
      <label className="flex flex-col gap-1 text-sm">
        {label}
        <select name={name} defaultValue={query[name] ?? ''} className={control}>
          <option value="">Any</option>
          {all.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    );
  };

  return (
    // Keyed on the URL: back and forward bring the controls back to what the URL says.
    <form key={search.toString()} role="search" aria-label="Search your images" onSubmit={onSubmit} onChange={onChange} className="mb-6 space-y-3">
      <div className="flex gap-2">
        <label htmlFor="gallery-q" className="sr-only">
          Search
        </label>
        <input id="gallery-q" name="q" type="search" defaultValue={query.q ?? ''} placeholder="Search prompts, styles, models" maxLength={200} className={`${control} flex-1`} />
        <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">
          Find
        </button>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8 lg:items-end">
        {select('model', 'Model', options.models)}
        {select('sampler', 'Sampler', options.samplers)}
        {select('style', 'Style', options.styles)}
        <label className="flex flex-col gap-1 text-sm">
          Size
          <input name="size" list="gallery-sizes" defaultValue={query.size ?? ''} placeholder="512x512" pattern="\d{1,5}x\d{1,5}" className={control} />
          <datalist id="gallery-sizes">
            {options.sizes.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          From
          <input name="from" type="date" defaultValue={query.from?.slice(0, 10) ?? ''} className={control} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          To
          <input name="to" type="date" defaultValue={query.to?.slice(0, 10) ?? ''} className={control} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Order
          <select name="order" defaultValue={query.order ?? 'newest'} className={control}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <label className="flex items-center gap-2 py-2 text-sm">
          <input name="favourite" type="checkbox" value="true" defaultChecked={query.favourite === 'true'} className="h-4 w-4" />
          Favourites only
        </label>
      </div>
      {isFiltered(query) && (
        <Link href="/gallery" className="inline-block text-sm text-link underline underline-offset-2 hover:decoration-2">
          Clear filters
        </Link>
      )}
    </form>
  );
}
