import Link from 'next/link';

type Props = {
  filter: { user?: string; category?: string; source?: string; action?: 'block' | 'flag' };
  categories: string[];
  sources: string[];
};

const control = 'rounded-md border border-edge bg-ink px-3 py-2 text-sm';

/** A plain GET form: the filtered log has its own address, to bookmark or paste into a report. */
export function IncidentFilters({ filter, categories, sources }: Props) {
  return (
    <form method="get" action="/admin/incidents" className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto_auto] sm:items-end">
      <label className="flex flex-col gap-1 text-sm">
        User email contains
        <input name="user" type="search" defaultValue={filter.user ?? ''} className={control} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Category
        <select name="category" defaultValue={filter.category ?? ''} className={control}>
          <option value="">Any</option>
          {categories.map((c) => (
            <option key={c} value={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Action
        <select name="action" defaultValue={filter.action ?? ''} className={control}>
          <option value="">Any</option>
          <option value="block">Blocked</option>
          <option value="flag">Flagged</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Source
        <select name="source" defaultValue={filter.source ?? ''} className={control}>
          <option value="">Any</option>
          {sources.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">
        Filter incidents
      </button>
      <Link href="/admin/incidents" className="py-2 text-sm text-link underline underline-offset-2 hover:decoration-2">
        Clear filters
      </Link>
    </form>
  );
}
