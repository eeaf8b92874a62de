/** How many prompts the generator remembers. */
export const PROMPT_HISTORY_MAX = 50;

/** The history with `prompt` moved (or added) to the front: newest first, no repeats, at most 50. */
export function rememberPrompt(history: readonly string[], prompt: string): string[] {
  const p = prompt.trim();
  if (!p) return [...history];
  return [p, ...history.filter((h) => h !== p)].slice(0, PROMPT_HISTORY_MAX);
}

/** Prompts containing every word of the query, in any order and case; all of them for an empty query. */
export function searchPromptHistory(history: readonly string[], query: string): string[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...history];
  return history.filter((h) => {
    const text = h.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
}
