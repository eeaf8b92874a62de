'use client';
import type { KeyboardEvent } from 'react';
import type { StyleSummary } from '@/domain/styles/style-schema';

export type StylePickerProps = {
  styles: Pick<StyleSummary, 'slug' | 'name' | 'description' | 'previewUrl'>[];
  /** The chosen slug; '' for none. */
  value: string;
  onChange: (slug: string) => void;
  /** Name of the hidden input carrying the slug, for a form read as FormData. */
  name: string;
};

/**
 * The "Style" control: a radio group of preview cards, "None" first. One tab stop; arrow keys
 * move and choose, as in any radio group (WAI-ARIA APG), so a keyboard user can flip through looks.
 */
export function StylePicker({ styles, value, onChange, name }: StylePickerProps) {
  const options = [{ slug: '', name: 'None', description: 'No style: the image as the model makes it.', previewUrl: null }, ...styles];
  const current = Math.max(0, options.findIndex((o) => o.slug === value));

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const by = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    const to = by !== undefined ? (current + by + options.length) % options.length : e.key === 'Home' ? 0 : e.key === 'End' ? options.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    onChange(options[to].slug);
    e.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]')[to]?.focus();
  }

  return (
    <div>
      <p id="style-picker-label" className="mb-1 block text-sm font-medium text-zinc-300">Style</p>
      <input type="hidden" name={name} value={value} />
      <div role="radiogroup" aria-labelledby="style-picker-label" onKeyDown={onKeyDown} className="grid grid-cols-4 gap-2 sm:grid-cols-5">
        {options.map((o, i) => {
          const checked = i === current;
          return (
            <button
              key={o.slug || 'none'}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={checked ? 0 : -1}
              title={o.description}
              onClick={() => onChange(o.slug)}
              className={`group flex flex-col items-center gap-1 rounded-md border p-1 text-xs outline-none focus-visible:ring-2 focus-visible:ring-accent ${checked ? 'border-accent bg-accent/10 text-white' : 'border-edge text-zinc-300 hover:border-zinc-500'}`}
            >
              {o.previewUrl ? (
                // eslint-disable-next-line @next/next/no-img-element -- 128 px previews from public/, nothing to optimise
                <img src={o.previewUrl} alt="" width={64} height={64} className="aspect-square w-full rounded" />
              ) : (
                <span aria-hidden className="grid aspect-square w-full place-items-center rounded bg-edge text-muted">{o.slug ? o.name[0] : '∅'}</span>
              )}
              <span className="w-full truncate text-center">{o.name}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** A style's suggested settings as the generator form holds them: strings, only those the style sets. */
export function overridesAsFormValues(o: StyleSummary['overrides']): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}
