import Link from 'next/link';
import { IncidentFilters } from '@/components/admin/incidents/IncidentFilters';
import { IncidentList } from '@/components/admin/incidents/IncidentList';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { incidentFacets, incidentFilterSchema, listIncidents } from '@/server/admin/incidents';
import { highlightTerm } from '@/server/admin/highlight-term';

export const generateMetadata = adminTitle('Prompt incidents');
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IncidentsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const filter = incidentFilterSchema.parse(await searchParams);
  const [{ rows, next }, facets] = await Promise.all([listIncidents(filter), incidentFacets()]);
  const items = rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    promptParts: highlightTerm(r.prompt, r.term),
    negativeParts: highlightTerm(r.negativePrompt, r.term),
  }));
  const { before: _before, ...kept } = filter;
  const query = (extra: Record<string, string>) => {
    const entries = Object.entries({ ...kept, ...extra }).filter((e): e is [string, string] => Boolean(e[1]));
    return `/admin/incidents${entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : ''}`;
  };
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Prompt incidents</h1>
        <p className="text-sm text-zinc-400">Prompts the policy blocked or flagged for review, newest first. The matched term is highlighted where the user wrote it.</p>
      </div>
      <IncidentFilters filter={kept} categories={facets.categories} sources={facets.sources} />
      <IncidentList items={items} />
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {filter.before && (
          <Link href={query({})} className="text-link underline underline-offset-2 hover:decoration-2">
            Newest incidents
          </Link>
        )}
        {next && (
          <Link href={query({ before: String(next) })} className="text-link underline underline-offset-2 hover:decoration-2">
            Older incidents
          </Link>
        )}
      </nav>
    </div>
  );
}
