import { LIMITS } from '../generation-params';

/** What a style adds to a request's prompts. */
export type StylePrompts = { template: string; tokens: string[]; negativePrompt: string };

export const PROMPT_PLACEHOLDER = '{prompt}';
export const TOKENS_PLACEHOLDER = '{tokens}';

/**
 * The prompt the model runs: the template with the user's prompt in place of `{prompt}` and the
 * style tokens in place of `{tokens}` (or after the rest, comma-separated, when the template has
 * no `{tokens}`). Replaced with a function so a `$&` in a prompt stays literal.
 */
export function expandPrompt(style: StylePrompts, prompt: string): string {
  const tokens = style.tokens.map((t) => t.trim()).filter(Boolean).join(', ');
  let out = style.template.split(PROMPT_PLACEHOLDER).join(prompt.trim());
  if (out.includes(TOKENS_PLACEHOLDER)) out = out.split(TOKENS_PLACEHOLDER).join(tokens);
  else if (tokens) out = `${out}, ${tokens}`;
  return tidy(out);
}

/** The user's negative prompt first, then the style's, so what the user wrote is never cut by the encoder's limit first. */
export function expandNegativePrompt(style: StylePrompts, negativePrompt: string): string {
  return tidy([negativePrompt.trim(), style.negativePrompt.trim()].filter(Boolean).join(', '));
}

// An empty {tokens} or prompt leaves ", ," or a trailing comma; the tokenizer would not care, people reading the params do.
function tidy(s: string): string {
  return s.replace(/,\s*(?=,)/g, '').replace(/^[\s,]+|[\s,]+$/g, '');
}

export type ExpandedPrompts = { prompt: string; negativePrompt: string };

/** Both prompts expanded, or the message for a result longer than a prompt may be. */
export function expandPrompts(
  style: StylePrompts & { name: string },
  input: { prompt: string; negativePrompt: string },
): { ok: true; value: ExpandedPrompts } | { ok: false; field: 'prompt' | 'negativePrompt'; message: string } {
  const prompt = expandPrompt(style, input.prompt);
  const negativePrompt = expandNegativePrompt(style, input.negativePrompt);
  if (prompt.length > LIMITS.promptMax) {
    const room = LIMITS.promptMax - (prompt.length - input.prompt.trim().length);
    return { ok: false, field: 'prompt', message: `With the ${style.name} style the prompt must be at most ${Math.max(0, room)} characters.` };
  }
  if (negativePrompt.length > LIMITS.promptMax) {
    const room = LIMITS.promptMax - (negativePrompt.length - input.negativePrompt.trim().length);
    return { ok: false, field: 'negativePrompt', message: `With the ${style.name} style the negative prompt must be at most ${Math.max(0, room)} characters.` };
  }
  return { ok: true, value: { prompt, negativePrompt } };
}

/** The prompts the engine runs for stored params: the expanded ones where a style was applied. */
export function promptsToRun(p: { prompt: string; negativePrompt: string; expandedPrompt?: string; expandedNegativePrompt?: string }): ExpandedPrompts {
  return { prompt: p.expandedPrompt ?? p.prompt, negativePrompt: p.expandedNegativePrompt ?? p.negativePrompt };
}
