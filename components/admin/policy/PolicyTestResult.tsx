import type { ActionState } from '@/server/auth/action';
import type { PolicyVerdict } from '@/server/safety/match-policy';

const VERDICT = {
  allow: { text: 'Allowed: no term of this draft matches.', style: 'text-emerald-300' },
  flag: { text: 'Would be flagged: it runs, and its images go to review.', style: 'text-amber-200' },
  block: { text: 'Would be blocked, and count a strike.', style: 'text-red-300' },
} as const;
const FIELD = { prompt: 'prompt', negativePrompt: 'negative prompt' } as const;

/** The draft's verdict on a test prompt and every term that matched, with where. */
export function PolicyTestResult({ state }: { state: ActionState<{ result: PolicyVerdict }> }) {
  if (!state) return null;
  if (!state.ok) return <p className="text-sm text-red-300">{state.error.message}</p>;
  const { verdict, hits } = state.result;
  return (
    <div className="space-y-2 text-sm">
      <p className={`font-medium ${VERDICT[verdict].style}`}>{VERDICT[verdict].text}</p>
      {hits.length > 0 && (
        <ul className="space-y-1">
          {hits.map((h) => (
            <li key={`${h.field}:${h.category}:${h.term}`} className="text-zinc-300">
              <span className={h.action === 'block' ? 'text-red-300' : 'text-amber-200'}>{h.action === 'block' ? 'Block' : 'Flag'}</span>
              {' · '}
              {h.label} · term “{h.term}” in the {FIELD[h.field]}: <q className="text-zinc-400">{h.excerpt}</q>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
