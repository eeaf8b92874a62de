import { CONFUSABLES } from './confusables';
import { wildcardForm } from './wildcards';

/**
 * One place a term can match: the candidate spellings of a word, and where it sits in the original
 * text. `joinsNext` says only spaces part it from the next slot, so the two may be one word split
 * in two ("nu de"). `isRepeat` marks a slot of the second view that the first has already (same
 * span, same spellings), so what depends on the slot alone need not be looked for again.
 */
export type Slot = { forms: string[]; start: number; end: number; joinsNext?: boolean; isRepeat?: boolean };
/** `text` is the folded prompt; each view is the prompt cut into words a different way. */
export type NormalizedPrompt = { text: string; views: Slot[][] };
export type Piece = { raw: string; start: number; end: number; isRun?: boolean };

// What renders as nothing or only decorates the letter before it: combining marks, zero-width and
// bidi controls, soft hyphen, BOM, variation selectors, tag characters, lone surrogates, control
// characters other than whitespace, and the blank Braille pattern (looks like a space, is not one).
const INVISIBLE = /[\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}\0-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u2800]/gu;
// Chunks: split at whitespace and list punctuation only, so "n.u.d.e", "nu*de" and "self—harm"
// stay one chunk whose letters can be joined.
const CHUNK = /[\p{L}\p{N}._\-*'`~+^=#%&!|$@?·•‧∙‐‑‒–—―‘’]+/gu;
// Words: split at every other character, except the two leet symbols that sit at a word's edge ("$ex", "@ss").
const WORD = /[\p{L}\p{N}@$]+/gu;
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;
const LEET: Record<string, string> = {
  '@': 'a', '4': 'a', '8': 'b', '3': 'e', '0': 'o', '5': 's', '$': 's', '7': 't', '1': 'il', '!': 'il', '|': 'il',
};
const MAX_LEET_VARIANTS = 16;

export function stripInvisible(text: string): string {
  return text.normalize('NFD').replace(INVISIBLE, '');
}

export function foldConfusables(text: string): string {
  let out = '';
  for (const ch of text) out += CONFUSABLES.get(ch) ?? ch;
  return out;
}

// Folds one code point; done one at a time so every folded character can point back into the
// original text. NFKD is NFKC's compatibility mapping (fullwidth, math alphanumerics, ligatures,
// circled letters) with accents split off so they can be dropped. Look-alikes are mapped before
// NFKD (which turns some, like lunate sigma ϲ, into other letters), before lowercasing (see
// confusables.ts), and after, for those that only show once lowercased or unaccented.
function foldCodePoint(ch: string): string {
  const plain = foldConfusables(stripInvisible(foldConfusables(ch).normalize('NFKD')));
  return foldConfusables(stripInvisible(plain.toLowerCase()));
}

const ASCII_FOLDED = Array.from({ length: 128 }, (_, code) => foldCodePoint(String.fromCharCode(code)));
const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  let out = foldCache.get(ch);
  if (out === undefined) {
    out = foldCodePoint(ch);
    if (foldCache.size < 10_000) foldCache.set(ch, out);
  }
  return out;
}

// The folded text, and for each of its UTF-16 units the span of the original character it came from.
function foldWithOffsets(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = 0; at < text.length; ) {
    const code = text.codePointAt(at) ?? 0;
    const size = code > 0xffff ? 2 : 1;
    const f = code < 128 ? ASCII_FOLDED[code] : foldChar(text.slice(at, at + size));
    for (let k = 0; k < f.length; k++) {
      starts.push(at);
      ends.push(at + size);
    }
    folded += f;
    at += size;
  }
  return { folded, starts, ends };
}

/** The canonical form of a text: compatibility-folded, lowercase, unaccented, look-alikes mapped to Latin, invisibles gone. */
export function foldText(text: string): string {
  return foldWithOffsets(text).folded;
}

/** The words of a term or allowlist phrase, folded the way prompts are. */
export function phraseWords(phrase: string): string[] {
  return foldText(phrase).split(NOT_ALNUM).filter(Boolean);
}

/**
 * Leet readings of a word ("s3x" → "sex", "k!ll" → "kill" or "klll"), or none when the word has no
 * letters or carries a digit with no leet meaning — so "1920s", "r2d2" and "1080" stay themselves.
 * Ambiguous symbols (1 ! |) branch into i and l; past 16 variants the rest read as i.
 */
export function leetVariants(word: string): string[] {
  if (!/\p{L}/u.test(word) || /[269]/.test(word) || !/[@$!|0134578]/.test(word)) return [];
  let variants = [''];
  for (const ch of word) {
    const options = LEET[ch] ?? ch;
    variants =
      options.length > 1 && variants.length < MAX_LEET_VARIANTS
        ? variants.flatMap((v) => [...options].map((o) => v + o))
        : variants.map((v) => v + options[0]);
  }
  return variants;
}

const PLAIN_WORD = /^[a-z]+$/;
const letterCore = (raw: string) => (PLAIN_WORD.test(raw) ? raw : raw.replace(/[^\p{L}\p{N}@$!|]/gu, ''));

/**
 * Glues runs of three or more one-character pieces ("n u d e", "n, u, d, e", "5 3 x") into one
 * piece. Only single characters are glued, so "glass art" stays two words. Pieces that are only
 * punctuation ("-" in "n - u - d - e") are dropped first.
 */
export function collapseSpacedLetters(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  let run: Piece[] = [];
  const flush = () => {
    if (run.length >= 3) {
      out.push({ raw: run.map((p) => letterCore(p.raw)).join(''), start: run[0].start, end: run[run.length - 1].end, isRun: true });
    } else out.push(...run);
    run = [];
  };
  for (const piece of pieces) {
    const core = [...letterCore(piece.raw)];
    if (core.length === 0) continue;
    if (core.length === 1) run.push(piece);
    else {
      flush();
      out.push(piece);
    }
  }
  flush();
  return out;
}

/**
 * Candidate spellings of one piece: punctuation removed, plus its leet readings (with and without
 * edge punctuation, so "nud3!" reads as "nude"), plus readings where a symbol inside stands for one
 * letter ("p*rn" → "p?rn", see wildcards.ts).
 */
export function wordForms(raw: string): string[] {
  if (PLAIN_WORD.test(raw)) return [raw];
  const forms = new Set([raw.replace(NOT_ALNUM, '')]);
  const trimmed = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  for (const base of new Set([raw, trimmed])) {
    for (const variant of [base, ...leetVariants(base)]) {
      if (variant !== base) forms.add(variant.replace(NOT_ALNUM, ''));
      const wild = wildcardForm(variant);
      if (wild) forms.add(wild);
    }
  }
  forms.delete('');
  return [...forms];
}

// A spaced run may have an article beside it that belongs to the sentence: "a n u d e woman".
function runForms(letters: string): string[] {
  const variants = new Set([letters]);
  for (const v of [...variants]) if (/^[ai]../.test(v)) variants.add(v.slice(1));
  for (const v of [...variants]) if (/..[ai]$/.test(v)) variants.add(v.slice(0, -1));
  return [...new Set([...variants].flatMap(wordForms))];
}

const SPACE_CODES = new Set([0x20, 0x09, 0xa0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]);

function onlySpaces(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!SPACE_CODES.has(text.charCodeAt(i))) return false;
  return true;
}

function markRepeats(first: Slot[], second: Slot[]): void {
  let i = 0;
  for (const slot of second) {
    while (i < first.length && first[i].start < slot.start) i++;
    if (i < first.length && first[i].start === slot.start && first[i].end === slot.end) slot.isRepeat = true;
  }
}

/**
 * Folds a prompt and cuts it into slots two ways: at whitespace and list punctuation (so "nu.de"
 * and "n.u.d.e" join into one word), and at every non-letter (so "nude_woman" and "sex-scene"
 * come apart). A term matches if it matches in either view. Only the first view marks the slots
 * that spaces alone part (`joinsNext`): in the second, "go re-enact" has a "re" that is not a word.
 */
export function normalizePrompt(text: string): NormalizedPrompt {
  const { folded, starts, ends } = foldWithOffsets(text);
  const view = (pattern: RegExp, markJoins: boolean): Slot[] => {
    const pieces = collapseSpacedLetters([...folded.matchAll(pattern)].map((m) => ({ raw: m[0], start: m.index, end: m.index + m[0].length })));
    return pieces.map((p, i) => {
      const slot: Slot = { forms: p.isRun ? runForms(p.raw) : wordForms(p.raw), start: starts[p.start], end: ends[p.end - 1] };
      const next = pieces[i + 1];
      if (markJoins && next && onlySpaces(folded, p.end, next.start)) slot.joinsNext = true;
      return slot;
    });
  };
  const chunks = view(CHUNK, true);
  const words = view(WORD, false);
  markRepeats(chunks, words);
  return { text: folded, views: [chunks, words] };
}
