import 'server-only';
import { findActiveStyle } from './list-styles';

const SETTINGS = ['width', 'height', 'steps', 'guidance', 'sampler'] as const;

/**
 * A request naming a style gets the style's suggested settings for the fields it leaves out, as
 * the generator's form fills them when a style is picked; what the request sends wins. An unknown
 * style is left for createGeneration to refuse (param: style).
 */
export async function withStyleSettings(input: unknown): Promise<unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const request = input as Record<string, unknown>;
  if (typeof request.style !== 'string' || request.style.trim() === '') return input;
  const style = await findActiveStyle(request.style.trim().toLowerCase());
  if (!style) return input;
  const filled: Record<string, unknown> = { ...request };
  for (const field of SETTINGS) {
    const suggested = style.overrides[field];
    if (filled[field] === undefined && suggested !== undefined) filled[field] = suggested;
  }
  return filled;
}
