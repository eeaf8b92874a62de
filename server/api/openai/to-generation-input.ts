import 'server-only';
import { env } from '../../env';
import { installedModels } from '../../models/installed';
import { findActiveStyle } from '../../styles/list-styles';
import type { ImagesGenerationRequest } from './schemas';

// OpenAI's image model names: a client written for OpenAI sends one of these and means "an image".
const OPENAI_MODEL = /^(dall-e-|gpt-image-|chatgpt-image)/i;

/**
 * `quality` as a steps preset; `auto` and `standard` keep Kumori's default. Explicit `steps` wins.
 * Kept modest on purpose: every step is charged (one credit per step of a 512² image).
 */
const QUALITY_STEPS: Record<string, number | undefined> = { low: 10, medium: 20, high: 30, hd: 30 };

/** The Kumori model a request names: OpenAI's names and none at all mean DEFAULT_MODEL. */
export function kumoriModelOf(model: string | undefined): string {
  return !model || OPENAI_MODEL.test(model) ? env().DEFAULT_MODEL : model;
}

/**
 * The request as Kumori's generation input (camelCase, domain/generation-params.ts), which then
 * goes through the same use case as the generator page: validation, policy, pricing, limits.
 * `size: auto` (or none) is the model's native size; an unknown model is left for the use case to
 * refuse with its message.
 */
export async function toGenerationInput(req: ImagesGenerationRequest): Promise<Record<string, unknown>> {
  const model = kumoriModelOf(req.model);
  // DALL·E 3's `natural` is the absence of a style; an unknown slug goes on for the use case to refuse (param: style).
  const style = req.style === 'natural' ? undefined : req.style;
  // A style's overrides fill what the request leaves out; what it sends wins (as in the generator's form).
  const overrides = (style && (await findActiveStyle(style.trim().toLowerCase()))?.overrides) || {};
  let width: number | undefined;
  let height: number | undefined;
  if (req.size && req.size !== 'auto') {
    [width, height] = req.size.split('x').map(Number);
  } else if (overrides.width && overrides.height) {
    ({ width, height } = overrides);
  } else {
    const native = (await installedModels()).find((m) => m.id === model);
    width = native?.nativeWidth;
    height = native?.nativeHeight;
  }
  return {
    prompt: req.prompt,
    negativePrompt: req.negative_prompt,
    width,
    height,
    steps: req.steps ?? (req.quality ? QUALITY_STEPS[req.quality] : undefined) ?? overrides.steps,
    guidance: req.guidance_scale ?? overrides.guidance,
    seed: req.seed,
    sampler: req.sampler ?? overrides.sampler,
    model,
    n: req.n,
    style,
  };
}
