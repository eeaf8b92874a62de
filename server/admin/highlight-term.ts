import { normalizePrompt, phraseWords } from '../safety/normalize';
import { buildPhraseIndex, findPhrases, prepareView } from '../safety/phrase-index';

export type TextPart = { text: string; isMatch: boolean };

/**
 * Cuts `text` into plain and matched parts, finding `term` the way the policy does, so an evasion
 * ("n.u.d.3", "ｎｕｄｅ") is marked where the user wrote it rather than missed by a plain search.
 */
export function highlightTerm(text: string, term: string): TextPart[] {
  const words = phraseWords(term);
  if (!text || words.length === 0) return text ? [{ text, isMatch: false }] : [];
  const index = buildPhraseIndex([{ words, value: term }]);
  const spans = normalizePrompt(text)
    .views.flatMap((view) => findPhrases(index, prepareView(view)))
    .map(({ start, end }) => ({ start, end }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: TextPart[] = [];
  let at = 0;
  for (const { start, end } of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), isMatch: false });
    parts.push({ text: text.slice(from, end), isMatch: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), isMatch: false });
  return parts;
}
