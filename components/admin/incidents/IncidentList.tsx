import Link from 'next/link';
import type { TextPart } from '@/server/admin/highlight-term';
import type { IncidentRow } from '@/server/admin/incidents';
import { Time } from '@/components/ui/Time';

/** An incident as the page sends it to the browser: the time as text, the prompts cut at the matched term. */
export type IncidentItem = Omit<IncidentRow, 'createdAt' | 'prompt' | 'negativePrompt'> & {
  createdAt: string;
  promptParts: TextPart[];
  negativeParts: TextPart[];
};

const FIELD_LABEL: Record<string, string> = { prompt: 'prompt', negativePrompt: 'negative prompt' };

function Highlighted({ parts }: { parts: TextPart[] }) {
  return parts.map((p, i) =>
    p.isMatch ? (
      <mark key={i} className="rounded bg-amber-400/30 px-0.5 text-amber-100">{p.text}</mark>
    ) : (
      <span key={i}>{p.text}</span>
    ),
  );
}

export function IncidentList({ items }: { items: IncidentItem[] }) {
  if (items.length === 0) return <p className="rounded-lg border border-edge p-6 text-center text-sm text-zinc-400">No incidents match these filters.</p>;
  return (
    <ol className="space-y-3" aria-label="Prompt incidents">
      {items.map((r) => (
        <li key={r.id} className="space-y-2 rounded-lg border border-edge bg-panel p-4 text-sm">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${r.action === 'block' ? 'bg-red-500/20 text-red-200' : 'bg-amber-500/20 text-amber-100'}`}>
              {r.action === 'block' ? 'Blocked' : 'Flagged'}
            </span>
            <span className="text-zinc-400"><Time value={r.createdAt} /></span>
            <Link href={`/admin/users/${r.userId}`} className="text-link underline underline-offset-2 hover:decoration-2">{r.userEmail}</Link>
            <span className="text-zinc-400">
              {r.category} · in the {FIELD_LABEL[r.field] ?? r.field} · matched “{r.term}” · via {r.source}
            </span>
          </div>
          <p className="whitespace-pre-wrap break-words">
            <span className="text-muted">Prompt: </span>
            <Highlighted parts={r.promptParts} />
          </p>
          {r.negativeParts.length > 0 && (
            <p className="whitespace-pre-wrap break-words">
              <span className="text-muted">Negative prompt: </span>
              <Highlighted parts={r.negativeParts} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
