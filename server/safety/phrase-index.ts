import type { Slot } from './normalize';
import { buildCompoundTrie, MIN_COMPOUND, termsInCompound, type CompoundTrie } from './compound-words';
import { isOrdinaryWord } from './ordinary-words';
import { fitsWildcard, WILDCARD } from './wildcards';

// A word as its letters with repeats squeezed out plus how often each repeats: "nuuude" is
// { key: 'nude', counts: [1, 3, 1, 1] }; counts is null when nothing repeats (the common case).
// A prompt word matches a term word when the keys are equal and it repeats every letter at least
// as often, so "nuuude" and "asss" match "nude" and "ass" but "as" does not match "ass".
// `word` is the spelling; a prompt word with wildcards ("p?rn", see wildcards.ts) is `isWild` and
// matches a term word of its length by spelling instead.
type Runs = { key: string; counts: number[] | null; word: string; isWild?: boolean };
type Pattern<T> = { words: Runs[]; value: T };
export type PhraseIndex<T> = {
  byKey: Map<string, Pattern<T>[]>;
  /** By the spelled length of the first word, for prompt words with wildcards. */
  byLength: Map<number, Pattern<T>[]>;
  /** Every leading part of a first word's key, so a split word is only put together where it could be one. */
  keyPrefixes: Set<string>;
  /** One-word patterns, for words glued to others ("nudewoman"); absent when not wanted. */
  compounds: CompoundTrie<T> | null;
};
export type PhraseMatch<T> = { value: T; start: number; end: number };
/** A view ready for lookups: each slot's spellings as runs, shared by every index searched. */
export type PreparedView = { slots: Slot[]; words: Runs[][] };

// A term split by spaces is looked for across at most this many slots ("p or n").
const MAX_JOINED = 3;
const MAX_JOINED_FORMS = 8;

function runsOf(word: string): Runs {
  let i = 1;
  while (i < word.length && word.charCodeAt(i) !== word.charCodeAt(i - 1)) i++;
  if (i >= word.length) return { key: word, counts: null, word };
  let key = word.slice(0, i - 1);
  const counts: number[] = new Array(key.length).fill(1);
  for (i = key.length; i < word.length; ) {
    let j = i + 1;
    while (word.charCodeAt(j) === word.charCodeAt(i)) j++;
    key += word[i];
    counts.push(j - i);
    i = j;
  }
  return { key, counts, word };
}

function covers(word: Runs, term: Runs): boolean {
  if (word.isWild) return fitsWildcard(word.word, term.word);
  if (word.key !== term.key) return false;
  if (term.counts === null) return true;
  for (let i = 0; i < term.counts.length; i++) if ((word.counts?.[i] ?? 1) < term.counts[i]) return false;
  return true;
}

// Plurals and possessives of a term are the term: "nudes", "sexes", "nude's" (read as "nudes"),
// and the slang plural "noodz". Only a single "s" ends an "-es" plural: "assess" is not "asses".
function pushWithPlurals(out: Runs[], form: string): void {
  out.push(runsOf(form));
  pushPlurals(out, form);
}

function pushPlurals(out: Runs[], form: string): void {
  if (!form.endsWith('s') && !form.endsWith('z')) return;
  const bare = form.replace(/[sz]+$/, '');
  if (bare.length < 2) return;
  out.push(runsOf(bare));
  if (bare.endsWith('e') && bare.length >= 3 && form.length === bare.length + 1) out.push(runsOf(bare.slice(0, -1)));
}

export function prepareView(slots: Slot[]): PreparedView {
  const words = slots.map((slot) => {
    const runs: Runs[] = [];
    for (const form of slot.forms) {
      if (form.includes(WILDCARD)) runs.push({ key: form, counts: null, word: form, isWild: true });
      else pushWithPlurals(runs, form);
    }
    return runs;
  });
  return { slots, words };
}

/**
 * Indexes phrases (each already split into folded words) by their first word. A phrase of several
 * words is also indexed as one glued word, so "blow job" matches "blowjob" and "blow-job". With
 * `compounds` (the default), a one-word pattern is also found glued to others ("nudewoman").
 */
export function buildPhraseIndex<T>(entries: Array<{ words: string[]; value: T }>, options: { compounds?: boolean } = {}): PhraseIndex<T> {
  const index: PhraseIndex<T> = { byKey: new Map(), byLength: new Map(), keyPrefixes: new Set(), compounds: null };
  const single: Array<{ word: string; value: T }> = [];
  const add = (words: string[], value: T) => {
    const pattern = { words: words.map(runsOf), value };
    const key = pattern.words[0].key;
    listIn(index.byKey, key).push(pattern);
    for (let i = 1; i <= key.length; i++) index.keyPrefixes.add(key.slice(0, i));
    listIn(index.byLength, words[0].length).push(pattern);
    if (words.length === 1) single.push({ word: words[0], value });
  };
  for (const { words, value } of entries) {
    if (words.length === 0) continue;
    add(words, value);
    if (words.length > 1) add([words.join('')], value);
  }
  if (options.compounds ?? true) index.compounds = buildCompoundTrie(single);
  return index;
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** Every place in a view where a phrase's words appear in consecutive slots. */
export function findPhrases<T>(index: PhraseIndex<T>, view: PreparedView): PhraseMatch<T>[] {
  const matches: PhraseMatch<T>[] = [];
  for (let i = 0; i < view.slots.length; i++) {
    for (const first of view.words[i]) {
      const candidates = first.isWild ? index.byLength.get(first.word.length) : index.byKey.get(first.key);
      if (candidates) matchFrom(candidates, view, first, i, i, matches);
    }
    if (view.slots[i].joinsNext) matchSplit(index, view, i, matches);
    if (index.compounds && !view.slots[i].isRepeat) matchCompounds(index.compounds, view, i, matches);
  }
  return matches;
}

const fitsAt = (view: PreparedView, at: number, term: Runs) => view.words[at]?.some((w) => covers(w, term)) ?? false;

// Of the candidates, the patterns whose first word is `first`, read from slot `start` to slot `last`, and whose other words follow.
function matchFrom<T>(candidates: Pattern<T>[], view: PreparedView, first: Runs, start: number, last: number, out: PhraseMatch<T>[]): void {
  for (const pattern of candidates) {
    if (!covers(first, pattern.words[0])) continue;
    if (!pattern.words.every((term, j) => j === 0 || fitsAt(view, last + j, term))) continue;
    out.push({ value: pattern.value, start: view.slots[start].start, end: view.slots[last + pattern.words.length - 1].end });
  }
}

// A first word split by spaces over slots start..last ("nu de", "p or n"), unless the slots read as
// ordinary words ("the pen is red").
function matchSplit<T>(index: PhraseIndex<T>, view: PreparedView, start: number, out: PhraseMatch<T>[]): void {
  // Squeezing repeats keeps leading parts, so a split word's key starts with its first part's.
  let isPrefix = false;
  for (const w of view.words[start]) if (!w.isWild && index.keyPrefixes.has(w.key)) isPrefix = true;
  if (!isPrefix) return;
  let joined = view.slots[start].forms;
  for (let last = start + 1; last < start + MAX_JOINED && last < view.slots.length && joined.length > 0; last++) {
    const found: PhraseMatch<T>[] = [];
    const growing: string[] = [];
    for (const head of joined) {
      if (head.includes(WILDCARD)) continue;
      for (const tail of view.slots[last].forms) {
        if (tail.includes(WILDCARD)) continue;
        const form = head + tail;
        const whole = runsOf(form);
        const isPrefix = index.keyPrefixes.has(whole.key);
        if (!isPrefix && !/[sz]$/.test(form)) continue;
        if (isPrefix && growing.length < MAX_JOINED_FORMS) growing.push(form);
        const runs = [whole];
        pushPlurals(runs, form);
        for (const first of runs) {
          const candidates = index.byKey.get(first.key);
          if (candidates) matchFrom(candidates, view, first, start, last, found);
        }
      }
    }
    if (found.length && !readsAsOrdinaryText(view.slots, start, last)) out.push(...found);
    if (!view.slots[last].joinsNext) return;
    joined = growing;
  }
}

function readsAsOrdinaryText(slots: Slot[], start: number, last: number): boolean {
  for (let i = start; i <= last; i++) if (!slots[i].forms.some(isOrdinaryWord)) return false;
  return true;
}

function matchCompounds<T>(trie: CompoundTrie<T>, view: PreparedView, at: number, out: PhraseMatch<T>[]): void {
  const slot = view.slots[at];
  for (const form of slot.forms) {
    if (form.length < MIN_COMPOUND || form.includes(WILDCARD)) continue;
    for (const value of termsInCompound(trie, form)) out.push({ value, start: slot.start, end: slot.end });
  }
}
