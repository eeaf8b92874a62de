import { normalizePrompt, phraseWords } from './normalize';
import { buildPhraseIndex, findPhrases, prepareView, type PhraseMatch } from './phrase-index';
import type { Policy, PolicyAction } from './policy-types';

export type PolicyField = 'prompt' | 'negativePrompt';
export type PolicyHit = { field: PolicyField; category: string; label: string; action: PolicyAction; term: string; excerpt: string };
/**
 * `hits` decide the verdict. `recorded` are hits in the negative prompt of categories allowed
 * there: they are stored on the generation, and neither block, flag nor count as strikes.
 */
export type PolicyVerdict = { verdict: 'allow' | PolicyAction; hits: PolicyHit[]; recorded: PolicyHit[] };
export type PolicyInput = { prompt: string; negativePrompt?: string | null };
export type PolicyMatcher = (input: PolicyInput) => PolicyVerdict;

type TermInfo = Omit<PolicyHit, 'field' | 'excerpt'>;
const EXCERPT_CONTEXT = 20;

/** Folds and indexes the policy once; the returned matcher does no per-term work per prompt. */
export function compilePolicy(policy: Policy): PolicyMatcher {
  const categories = new Map(policy.categories.map((c) => [c.id, c]));
  const terms = buildPhraseIndex<TermInfo>(
    policy.terms.map(({ term, category }) => {
      const c = categories.get(category);
      if (!c) throw new Error(`Policy term "${term}" names unknown category "${category}"`);
      return { words: phraseWords(term), value: { category, label: c.label, action: c.action, term } };
    }),
  );
  const allow = buildPhraseIndex(
    policy.allow.map((phrase) => ({ words: phraseWords(phrase), value: phrase })),
    { compounds: false },
  );
  const negativeAllowed = new Set(policy.categories.filter((c) => c.negativeAllowed).map((c) => c.id));

  const check = (field: PolicyField, text: string): PolicyHit[] => {
    const views = normalizePrompt(text).views.map(prepareView);
    const allowed = views.flatMap((view) => findPhrases(allow, view));
    const isAllowed = (m: PhraseMatch<unknown>) => allowed.some((a) => a.start <= m.start && m.end <= a.end);
    const hits = new Map<string, PolicyHit>();
    for (const view of views) {
      for (const match of findPhrases(terms, view)) {
        const key = `${match.value.category}\u0000${match.value.term}`;
        if (hits.has(key) || isAllowed(match)) continue;
        hits.set(key, { field, ...match.value, excerpt: excerptOf(text, match.start, match.end) });
      }
    }
    return [...hits.values()];
  };

  return ({ prompt, negativePrompt }) => {
    const negative = negativePrompt ? check('negativePrompt', negativePrompt) : [];
    const recorded = negative.filter((h) => negativeAllowed.has(h.category));
    const hits = [...check('prompt', prompt), ...negative.filter((h) => !negativeAllowed.has(h.category))];
    const verdict = hits.some((h) => h.action === 'block') ? 'block' : hits.length > 0 ? 'flag' : 'allow';
    return { verdict, hits, recorded };
  };
}

const compiled = new WeakMap<Policy, PolicyMatcher>();

/** Checks a prompt pair against a policy; block beats flag. Compiles each policy object once, so treat policies as immutable. */
export function matchPolicy(policy: Policy, input: PolicyInput): PolicyVerdict {
  let matcher = compiled.get(policy);
  if (!matcher) {
    matcher = compilePolicy(policy);
    compiled.set(policy, matcher);
  }
  return matcher(input);
}

// The matched text as the user wrote it, with a few words either side, for a reviewer to read.
function excerptOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - EXCERPT_CONTEXT);
  const to = Math.min(text.length, end + EXCERPT_CONTEXT);
  const before = from > 0 ? text.slice(from, start).replace(/^\S*\s/, '') : text.slice(0, start);
  const after = to < text.length ? text.slice(end, to).replace(/\s\S*$/, '') : text.slice(end);
  return `${from > 0 ? '…' : ''}${(before + text.slice(start, end) + after).trim()}${to < text.length ? '…' : ''}`;
}
