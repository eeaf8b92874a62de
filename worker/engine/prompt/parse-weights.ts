/** A run of prompt text and the attention weight its tokens get; or a BREAK (a forced chunk boundary). */
export interface PromptFragment {
  text: string;
  weight: number;
  /** Set on a BREAK keyword: the text so far ends its 75-token chunk. Its text is '' and weight 1. */
  isBreak?: true;
}

export interface ParseWeightsOptions {
  /** Treat the word BREAK as a chunk boundary, as AUTOMATIC1111 does. Default true. */
  breaks?: boolean;
}

const ROUND_MULTIPLIER = 1.1;
const SQUARE_MULTIPLIER = 1 / 1.1;

// AUTOMATIC1111's re_attention, in the same order. One difference: A1111's weight is [.\d]+, which
// also matches "1.2.3" or "." and then crashes in float(); here only well-formed numbers count as a
// weight, and anything else falls through to plain text, so "(a:1.2.3)" is "a:1.2.3" at 1.1.
const ATTENTION =
  /\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*\)|\)|\]|[^\\()[\]:]+|:/g;
// Python's \b is Unicode-aware (letters, digits, underscore); JS's is ASCII-only, hence lookarounds.
const BREAK = /\s*(?<![\p{L}\p{N}_])BREAK(?![\p{L}\p{N}_])\s*/u;

interface Entry {
  text: string;
  weight: number;
  isBreak: boolean;
}

/**
 * AUTOMATIC1111's emphasis syntax, as prompt_parser.parse_prompt_attention reads it: (text) x1.1,
 * [text] /1.1, (text:1.5), nesting multiplies; \( \) \[ \] \\ are literal; an unclosed bracket
 * applies to the rest of the prompt and a stray closer is literal text. Weights are computed in the
 * same order as A1111's, so they are bit-identical to its floats. Never throws.
 *
 * Unlike A1111, a BREAK inside brackets still breaks (A1111 turns it into the weighted word "BREAK").
 */
export function parsePromptWeights(text: string, options: ParseWeightsOptions = {}): PromptFragment[] {
  const breaks = options.breaks ?? true;
  const entries: Entry[] = [];
  const round: number[] = [];
  const square: number[] = [];
  const multiplyFrom = (start: number, multiplier: number) => {
    for (let i = start; i < entries.length; i++) entries[i].weight *= multiplier;
  };
  const pushText = (value: string) => {
    const parts = breaks ? value.split(BREAK) : [value];
    parts.forEach((part, i) => {
      if (i > 0) entries.push({ text: '', weight: 1, isBreak: true });
      entries.push({ text: part, weight: 1, isBreak: false });
    });
  };

  for (const match of text.matchAll(ATTENTION)) {
    const token = match[0];
    const weight = match[1];
    if (token.startsWith('\\')) entries.push({ text: token.slice(1), weight: 1, isBreak: false });
    else if (token === '(') round.push(entries.length);
    else if (token === '[') square.push(entries.length);
    else if (weight !== undefined && round.length > 0) multiplyFrom(round.pop()!, Number(weight));
    else if (token === ')' && round.length > 0) multiplyFrom(round.pop()!, ROUND_MULTIPLIER);
    else if (token === ']' && square.length > 0) multiplyFrom(square.pop()!, SQUARE_MULTIPLIER);
    else pushText(token);
  }
  for (const start of round) multiplyFrom(start, ROUND_MULTIPLIER);
  for (const start of square) multiplyFrom(start, SQUARE_MULTIPLIER);

  if (entries.length === 0) return [{ text: '', weight: 1 }];
  const fragments: PromptFragment[] = [];
  for (const entry of entries) {
    const last = fragments[fragments.length - 1];
    if (entry.isBreak) fragments.push({ text: '', weight: 1, isBreak: true });
    else if (last && !last.isBreak && last.weight === entry.weight) last.text += entry.text;
    else fragments.push({ text: entry.text, weight: entry.weight });
  }
  return fragments;
}
