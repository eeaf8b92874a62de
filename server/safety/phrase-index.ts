import type { Slot } from './normalize';

// A word as its letters with repeats squeezed out plus how often each repeats: "nuuude" is
// { key: 'nude', counts: [1, 3, 1, 1] }; counts is null when nothing repeats (the common case).
// A prompt word matches a term word when the keys are equal and it repeats every letter at least
// as often, so "nuuude" and "asss" match "nude" and "ass" but "as" does not match "ass".
type Runs = { key: string; counts: number[] | null };
type Pattern<T> = { words: Runs[]; value: T };
export type PhraseIndex<T> = Map<string, Pattern<T>[]>;
export type PhraseMatch<T> = { value: T; start: number; end: number };
/** A view ready for lookups: each slot's spellings as runs, shared by every index searched. */
export type PreparedView = { slots: Slot[]; words: Runs[][] };

function runsOf(word: string): Runs {
  let i = 1;
  while (i < word.length && word.charCodeAt(i) !== word.charCodeAt(i - 1)) i++;
  if (i >= word.length) return { key: word, counts: null };
  let key = word.slice(0, i - 1);
  const counts: number[] = new Array(key.length).fill(1);
  for (i = key.length; i < word.length; ) {
    let j = i + 1;
    while (word.charCodeAt(j) === word.charCodeAt(i)) j++;
    key += word[i];
    counts.push(j - i);
    i = j;
  }
  return { key, counts };
}

function covers(word: Runs, term: Runs): boolean {
  if (word.key !== term.key) return false;
  if (term.counts === null) return true;
  for (let i = 0; i < term.counts.length; i++) if ((word.counts?.[i] ?? 1) < term.counts[i]) return false;
  return true;
}

// Plurals and possessives of a term are the term: "nudes", "sexes", "nude's" (read as "nudes"),
// and the slang plural "noodz".
function pushWithPlurals(out: Runs[], form: string): void {
  out.push(runsOf(form));
  if (!form.endsWith('s') && !form.endsWith('z')) return;
  const bare = form.replace(/[sz]+$/, '');
  if (bare.length < 2) return;
  out.push(runsOf(bare));
  if (bare.endsWith('e') && bare.length >= 3) out.push(runsOf(bare.slice(0, -1)));
}

export function prepareView(slots: Slot[]): PreparedView {
  const words = slots.map((slot) => {
    const runs: Runs[] = [];
    for (const form of slot.forms) pushWithPlurals(runs, form);
    return runs;
  });
  return { slots, words };
}

/**
 * Indexes phrases (each already split into folded words) by their first word. A phrase of several
 * words is also indexed as one glued word, so "blow job" matches "blowjob" and "blow-job".
 */
export function buildPhraseIndex<T>(entries: Array<{ words: string[]; value: T }>): PhraseIndex<T> {
  const index: PhraseIndex<T> = new Map();
  const add = (words: string[], value: T) => {
    const runs = words.map(runsOf);
    const list = index.get(runs[0].key) ?? [];
    list.push({ words: runs, value });
    index.set(runs[0].key, list);
  };
  for (const { words, value } of entries) {
    if (words.length === 0) continue;
    add(words, value);
    if (words.length > 1) add([words.join('')], value);
  }
  return index;
}

const fitsAt = (view: PreparedView, at: number, term: Runs) => view.words[at]?.some((w) => covers(w, term)) ?? false;

/** Every place in a view where a phrase's words appear in consecutive slots. */
export function findPhrases<T>(index: PhraseIndex<T>, view: PreparedView): PhraseMatch<T>[] {
  const matches: PhraseMatch<T>[] = [];
  view.words.forEach((firsts, i) => {
    for (const first of firsts) {
      for (const pattern of index.get(first.key) ?? []) {
        if (!covers(first, pattern.words[0])) continue;
        if (!pattern.words.every((term, j) => j === 0 || fitsAt(view, i + j, term))) continue;
        matches.push({ value: pattern.value, start: view.slots[i].start, end: view.slots[i + pattern.words.length - 1].end });
      }
    }
  });
  return matches;
}
