/**
 * What a prompt says to a model, read the way its tokenizer reads it, so the generator can warn
 * while the user types: words a closed-vocabulary model (the shipped demo) does not know, and
 * prompts longer than the text encoder reads.
 */

/** AUTOMATIC1111 weighting (`(word:1.3)`, brackets, BREAK) is read by the engine before the tokenizer sees words. */
function withoutWeighting(prompt: string): string {
  return prompt
    .replace(/:\s*[+-]?(\d+\.?\d*|\.\d+)\s*\)/g, ')')
    .replace(/\bBREAK\b/g, ' ')
    .replace(/\\?[()[\]]/g, ' ');
}

/** Pieces as a Whitespace pre-tokenizer makes them (`\w+|[^\w\s]+`), lowercased. */
export function promptPieces(prompt: string): string[] {
  return withoutWeighting(prompt).toLowerCase().match(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]+/gu) ?? [];
}

const isWord = (piece: string) => /[\p{L}]/u.test(piece);

/** Words of the prompt outside the vocabulary, each once, in the order typed. */
export function unknownWords(prompt: string, vocabulary: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  for (const piece of promptPieces(prompt)) {
    if (isWord(piece) && !vocabulary.has(piece)) seen.add(piece);
  }
  return [...seen];
}

/**
 * Tokens the prompt takes: exact for a word-level vocabulary, and a lower bound for subword
 * tokenizers (CLIP splits rare words into several), so a warning built on it is never wrong.
 */
export function estimatePromptTokens(prompt: string): number {
  return promptPieces(prompt).length;
}

/** The warning shown while typing when a prompt will not fit, or null. */
export function tokenLimitWarning(prompt: string, tokenLimit: number, exact: boolean): string | null {
  const tokens = estimatePromptTokens(prompt);
  if (tokens <= tokenLimit) return null;
  const count = exact ? `${tokens} tokens` : `at least ${tokens} tokens`;
  return `This prompt is ${count}; the model reads ${tokenLimit} at a time, so the words past that may be dropped.`;
}
