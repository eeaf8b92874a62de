'use client';
import { useState } from 'react';
import { searchPromptHistory } from '@/domain/prompt-history';

type Props = { history: string[]; onPick: (prompt: string) => void };

/** The last 50 prompts, searchable; picking one puts it back in the prompt box. */
export function PromptHistory({ history, onPick }: Props) {
  const [query, setQuery] = useState('');
  if (history.length === 0) return null;
  const found = searchPromptHistory(history, query);
  return (
    <details className="rounded-md border border-edge px-3 py-2 text-sm">
      <summary className="cursor-pointer text-zinc-300">Prompt history ({history.length})</summary>
      <div className="mt-2 space-y-2">
        <label htmlFor="prompt-history-search" className="sr-only">Search prompt history</label>
        <input
          id="prompt-history-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search your prompts"
          className="w-full rounded-md border border-edge bg-ink px-3 py-1.5 text-sm outline-none focus:border-accent"
        />
        <ul aria-label="Prompt history" className="max-h-48 space-y-1 overflow-y-auto">
          {found.map((p) => (
            <li key={p}>
              <button type="button" onClick={() => onPick(p)} className="w-full truncate rounded px-2 py-1 text-left text-zinc-300 hover:bg-edge" title={p}>
                {p}
              </button>
            </li>
          ))}
          {found.length === 0 && <li className="px-2 py-1 text-muted">No prompt matches “{query}”.</li>}
        </ul>
      </div>
    </details>
  );
}
