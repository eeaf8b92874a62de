import { isOrdinaryWord } from './ordinary-words';

/** Marks a position in a word form where a symbol stands for one unknown letter: "p*rn" reads as "p?rn". */
export const WILDCARD = '?';
const WILDCARD_CODE = WILDCARD.charCodeAt(0);
// Symbols people put in place of a letter ("p*rn", "n_de", "p.rn", "s#x"). Each is also read as
// nothing elsewhere ("nu.de", "nu*de"); this is the other reading, one letter per symbol.
const SYMBOLS = '*_#?%~^+=.·•‧∙';
// The dot (and its look-alikes) is also how acronyms are written ("U.S.S.", "p.s.", "s.e. asia")
// and a full stop with the space left out ("p.on", "end.the"). So dots stand for letters only
// beside a group of two or more letters ("p.rn"), and only when no such group is an everyday word.
const DOTS = '.·•‧∙';
const INNER = new RegExp(`[\\p{L}\\p{N}][${escape(SYMBOLS)}]+[\\p{L}\\p{N}]`, 'u');
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const ALNUM = /[\p{L}\p{N}]/u;

function escape(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}

/**
 * The word with each symbol inside it as WILDCARD ("p*rn" → "p?rn", "p**n" → "p??n"), or null when
 * it has none, or too few known letters to say what it hides: at least two, and at least as many
 * as the symbols. Other punctuation ("-", "'") is dropped as in the word's plain form.
 */
export function wildcardForm(word: string): string | null {
  if (!INNER.test(word)) return null;
  let form = '';
  let known = 0;
  let unknown = 0;
  let onlyDots = true;
  let group = 0;
  let longestGroup = 0;
  for (const ch of word.replace(EDGES, '')) {
    if (ALNUM.test(ch)) {
      form += ch;
      known++;
      longestGroup = Math.max(longestGroup, ++group);
    } else if (SYMBOLS.includes(ch)) {
      form += WILDCARD;
      unknown++;
      group = 0;
      if (!DOTS.includes(ch)) onlyDots = false;
    }
  }
  if (known < 2 || unknown > known) return null;
  if (onlyDots && (longestGroup < 2 || form.split(WILDCARD).some((g) => g.length >= 2 && isOrdinaryWord(g)))) return null;
  return form;
}

/** Whether a form with wildcards spells `word`: same length, and equal wherever it is not a wildcard. */
export function fitsWildcard(form: string, word: string): boolean {
  if (form.length !== word.length) return false;
  for (let i = 0; i < form.length; i++) {
    const c = form.charCodeAt(i);
    if (c !== WILDCARD_CODE && c !== word.charCodeAt(i)) return false;
  }
  return true;
}
