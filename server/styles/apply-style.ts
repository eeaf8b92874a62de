import 'server-only';
import { expandPrompts } from '../../domain/styles/expand';
import type { GenerationParams } from '../../domain/generation-params';
import { fail, ok, type Result } from '../../domain/result';
import { findActiveStyle } from './list-styles';

type Prompts = { prompt: string; negativePrompt: string; style?: string };
export type AppliedStyle = Pick<GenerationParams, 'style' | 'styleEffects' | 'expandedPrompt' | 'expandedNegativePrompt'>;

/**
 * What a request's style adds to its stored params: the expanded prompts the model runs and a
 * snapshot of the effects the worker applies. No style, nothing added. The style's overrides are
 * not applied here: they are suggestions the Style control copies into the form (and the OpenAI
 * route into fields a request leaves out), and a value the request carries always wins.
 */
export async function applyStyle(input: Prompts): Promise<Result<{ applied: AppliedStyle }>> {
  if (!input.style) return ok({ applied: {} });
  const style = await findActiveStyle(input.style);
  if (!style) {
    const message = `There is no style "${input.style}" (or it was retired). Pick one from the Style list.`;
    return fail('invalid', message, { style: message });
  }
  const expanded = expandPrompts(style, input);
  if (!expanded.ok) return fail('invalid', expanded.message, { [expanded.field]: expanded.message });
  return ok({
    applied: {
      style: style.slug,
      ...(style.effects.length > 0 ? { styleEffects: style.effects } : {}),
      expandedPrompt: expanded.value.prompt,
      expandedNegativePrompt: expanded.value.negativePrompt,
    },
  });
}

/**
 * The prompts the content policy must see: the expanded ones when the request names a style it
 * can use, so a blocked word inside a template is caught as surely as one the user typed. An
 * unknown style is checked as written here and refused right after by resolveRequest.
 */
export async function promptsForPolicy(input: Prompts): Promise<{ prompt: string; negativePrompt: string }> {
  if (!input.style) return input;
  const style = await findActiveStyle(input.style);
  if (!style) return input;
  const expanded = expandPrompts(style, input);
  return expanded.ok ? expanded.value : input;
}
