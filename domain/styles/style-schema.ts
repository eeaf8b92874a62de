import { z } from 'zod';
import { LIMITS } from '../generation-params';
import { SAMPLERS } from '../samplers';
import { slugSchema } from './slug';
import { styleEffectsSchema, type StyleEffect } from './effects';
import { PROMPT_PLACEHOLDER } from './expand';

export { SLUG, slugSchema } from './slug';

export const STYLE_LIMITS = { nameMax: 40, descriptionMax: 200, templateMax: 300, tokensMax: 12, tokenMax: 40, negativeMax: 300 } as const;

const size = (label: string) =>
  z
    .number({ message: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(LIMITS.sizeMin, `${label} must be at least ${LIMITS.sizeMin}.`)
    .max(LIMITS.sizeMax, `${label} must be at most ${LIMITS.sizeMax}.`)
    .refine((v) => v % 8 === 0, `${label} must be a multiple of 8.`);

/** Settings a style suggests; each may be left out. Bounds are the generator's own. */
export const styleOverridesSchema = z
  .object({
    sampler: z.enum(SAMPLERS, { message: `Sampler must be one of: ${SAMPLERS.join(', ')}.` }).optional(),
    steps: z.number({ message: 'Steps must be a number.' }).int('Steps must be a whole number.').min(LIMITS.stepsMin, `Steps must be at least ${LIMITS.stepsMin}.`).max(LIMITS.stepsMax, `Steps must be at most ${LIMITS.stepsMax}.`).optional(),
    guidance: z.number({ message: 'Guidance must be a number.' }).min(LIMITS.guidanceMin, `Guidance must be at least ${LIMITS.guidanceMin}.`).max(LIMITS.guidanceMax, `Guidance must be at most ${LIMITS.guidanceMax}.`).optional(),
    width: size('Width').optional(),
    height: size('Height').optional(),
  })
  .strict();
export type StyleOverrides = z.infer<typeof styleOverridesSchema>;

const text = (label: string, max: number) => z.string().trim().max(max, `${label} must be at most ${max} characters.`);

/** A style as an admin writes it; the shipped ones (drizzle/0014_styles.sql) pass it too (style-schema.test.ts). */
export const styleDefinitionSchema = z.object({
  // "none" is what the picker's None sends.
  slug: slugSchema.refine((s) => s !== 'none', 'The slug "none" means no style; choose another.'),
  name: text('Name', STYLE_LIMITS.nameMax).min(1, 'Enter a name.'),
  description: text('Description', STYLE_LIMITS.descriptionMax).default(''),
  template: text('Template', STYLE_LIMITS.templateMax)
    .min(1, `Enter a template; ${PROMPT_PLACEHOLDER} alone keeps the prompt as it is.`)
    .refine((t) => t.includes(PROMPT_PLACEHOLDER), `The template must contain ${PROMPT_PLACEHOLDER}, where the user's prompt goes.`),
  tokens: z
    .array(text('A style token', STYLE_LIMITS.tokenMax).min(1, 'A style token cannot be empty.'))
    .max(STYLE_LIMITS.tokensMax, `A style has at most ${STYLE_LIMITS.tokensMax} tokens.`)
    .default([]),
  negativePrompt: text('Negative prompt', STYLE_LIMITS.negativeMax).default(''),
  overrides: styleOverridesSchema.default({}),
  effects: styleEffectsSchema.default([]),
});
export type StyleDefinition = z.infer<typeof styleDefinitionSchema>;

/** A style as the generator and the API see it. */
export type StyleSummary = {
  slug: string;
  name: string;
  description: string;
  previewUrl: string | null;
  overrides: StyleOverrides;
  effects: StyleEffect[];
};
