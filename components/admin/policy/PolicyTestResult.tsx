import type { ReactNode } from 'react';
import type { ActionState } from '@/server/auth/action';
import type { PolicyHit, PolicyVerdict } from '@/server/safety/match-policy';

const VERDICT = {
  allow: { text: 'Allowed: no term of this draft blocks or flags it.', style: 'text-emerald-300' },
  flag: { text: 'Would be flagged: it runs, and its images go to review.', style: 'text-amber-200' },
  block: { text: 'Would be blocked, and count a strike.', style: 'text-red-300' },
} as const;
const FIELD = { prompt: 'prompt', negativePrompt: 'negative prompt' } as const;

/** The draft's verdict on a test prompt and every term that matched, with where. */
export function PolicyTestResult({ state }: { state: ActionState<{ result: PolicyVerdict }> }) {
  if (!state) return null;
  if (!state.ok) return <p className="text-sm text-red-300">{state.error.message}</p>;
  const { verdict, hits, recorded } = state.result;
  return (
    <div className="space-y-2 text-sm">
      <p className={`font-medium ${VERDICT[verdict].style}`}>{VERDICT[verdict].text}</p>
      {hits.length + recorded.length > 0 && (
        <ul className="space-y-1">
          {hits.map((h) => (
            <HitLine key={`${h.field}:${h.category}:${h.term}`} hit={h}>
              <span className={h.action === 'block' ? 'text-red-300' : 'text-amber-200'}>{h.action === 'block' ? 'Block' : 'Flag'}</span>
            </HitLine>
          ))}
          {recorded.map((h) => (
            <HitLine key={`recorded:${h.category}:${h.term}`} hit={h}>
              <span className="text-sky-300">Recorded only (allowed in the negative prompt)</span>
            </HitLine>
          ))}
        </ul>
      )}
    </div>
  );
}

function HitLine({ hit: h, children }: { hit: PolicyHit; children: ReactNode }) {
  return (
    <li className="text-zinc-300">
      {children}
      {' · '}
      {h.label} · term “{h.term}” in the {FIELD[h.field]}: <q className="text-zinc-400">{h.excerpt}</q>
    </li>
  );
}
