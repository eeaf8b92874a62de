import { z } from 'zod';
import { TIERS } from './plans';
import { SAMPLERS } from './samplers';
import type { StyleEffect } from './styles/effects';
import { styleFieldSchema } from './styles/slug';
import { fromDecimal } from './form-number';
import { EDIT_LIMITS, editFieldsSchema, type EditMode, type Extend } from './edit-modes';

export { SAMPLERS, SAMPLER_LABELS, type Sampler } from './samplers';

export const LIMITS = {
  promptMax: 1000,
  sizeMin: 64,
  sizeMax: 1024,
  stepsMin: 1,
  stepsMax: 100,
  guidanceMin: 0,
  guidanceMax: 30,
  seedMax: 4_294_967_295,
  imagesMax: 4,
} as const;

const number = (label: string) => z.number({ message: `${label} must be a number.` });

const size = (label: string) =>
  z.preprocess(
    fromDecimal,
    number(label)
      .int(`${label} must be a whole number.`)
      .min(LIMITS.sizeMin, `${label} must be at least ${LIMITS.sizeMin}.`)
      .max(LIMITS.sizeMax, `${label} must be at most ${LIMITS.sizeMax}.`)
      .refine((v) => v % 8 === 0, `${label} must be a multiple of 8.`),
  );

/**
 * Postgres cannot store NUL, and its jsonb (where the params live) refuses a lone surrogate, half
 * of an emoji pair; the other control characters are never meant. Tabs and newlines are fine.
 */
const UNSTORABLE = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f\p{Cs}]/u;
const storable = (label: string) =>
  [(s: string) => !UNSTORABLE.test(s), `${label} contains a character that cannot be saved (a control character or half of an emoji). Remove it.`] as const;

const generationFieldsSchema = z.object({
  prompt: z
    .string()
    .trim()
    .min(1, 'Enter a prompt.')
    .max(LIMITS.promptMax, `Prompt must be at most ${LIMITS.promptMax} characters.`)
    .refine(...storable('Prompt')),
  negativePrompt: z
    .string()
    .trim()
    .max(LIMITS.promptMax, `Negative prompt must be at most ${LIMITS.promptMax} characters.`)
    .refine(...storable('Negative prompt'))
    .default(''),
  width: size('Width').default(512),
  height: size('Height').default(512),
  steps: z
    .preprocess(
      fromDecimal,
      number('Steps')
        .int('Steps must be a whole number.')
        .min(LIMITS.stepsMin, `Steps must be at least ${LIMITS.stepsMin}.`)
        .max(LIMITS.stepsMax, `Steps must be at most ${LIMITS.stepsMax}.`),
    )
    .default(20),
  guidance: z
    .preprocess(
      fromDecimal,
      number('Guidance')
        .min(LIMITS.guidanceMin, `Guidance must be at least ${LIMITS.guidanceMin}.`)
        .max(LIMITS.guidanceMax, `Guidance must be at most ${LIMITS.guidanceMax}.`),
    )
    .default(7.5),
  // Empty means "pick one for me"; the chosen seed is stored so the image can be reproduced.
  seed: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : fromDecimal(v)),
    number('Seed')
      .int('Seed must be a whole number.')
      .min(0, 'Seed must be 0 or more.')
      .max(LIMITS.seedMax, `Seed must be at most ${LIMITS.seedMax}.`)
      .optional(),
  ),
  n: z
    .preprocess(
      fromDecimal,
      number('Images')
        .int('Images must be a whole number.')
        .min(1, 'Images must be at least 1.')
        .max(LIMITS.imagesMax, `Images must be at most ${LIMITS.imagesMax}.`),
    )
    .default(1),
  sampler: z.enum(SAMPLERS, { message: `Sampler must be one of: ${SAMPLERS.join(', ')}.` }).default('ddim'),
  model: z.string().trim().max(100).refine(...storable('Model')).optional(),
  tier: z.enum(TIERS, { message: 'Tier must be turbo, fast or relax.' }).optional(),
  /** An upload id (POST /api/uploads) or one of the user's image ids to start from. */
  initImage: z
    .union([z.literal('').transform(() => undefined), z.uuid('Upload the init image again.')])
    .optional()
    .meta({ description: 'The start image: an upload id (POST /api/v1/uploads) or the id of one of your images.' }),
  strength: z
    .preprocess(
      fromDecimal,
      number('Strength').min(0.05, 'Strength must be at least 0.05.').max(1, 'Strength must be at most 1.'),
    )
    .default(0.6),
  /** A style's slug (domain/styles); empty or "none" for no style. */
  style: styleFieldSchema,
  ...editFieldsSchema,
});

/**
 * An edit's mode follows from its fields when not named (a mask means inpaint, `extend` outpaint,
 * `scale` upscale, a start image alone img2img), and its strength defaults to the mode's own: a
 * masked area is repainted from scratch, an upscale only refines.
 */
function withEditDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  const present = (k: string) => r[k] !== undefined && r[k] !== '' && r[k] !== null;
  const mode = present('mode') ? r.mode : present('mask') ? 'inpaint' : present('extend') ? 'outpaint' : present('scale') ? 'upscale' : undefined;
  if (mode === undefined) return raw;
  const strength = present('strength') ? r.strength : mode === 'upscale' ? EDIT_LIMITS.upscaleStrength : mode === 'img2img' ? undefined : 1;
  return { ...r, mode, ...(strength === undefined ? {} : { strength }) };
}

/** The request as a form or API sends it: numbers, or decimal strings because forms only have strings. */
export const generationInputSchema = z.preprocess(
  withEditDefaults,
  generationFieldsSchema.superRefine((v, ctx) => {
    const need = (field: 'initImage' | 'mask' | 'extend', message: string) => {
      if (v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (v.mode && v.mode !== 'img2img') need('initImage', 'Choose the image to edit.');
    if (v.mode === 'img2img') need('initImage', 'Choose a start image for image to image.');
    if (v.mode === 'inpaint') need('mask', 'Paint a mask: inpainting repaints what it marks.');
    if (v.mode === 'outpaint') need('extend', 'Say how far to extend each side.');
    if (v.mask !== undefined && v.mode !== 'inpaint') ctx.addIssue({ code: 'custom', path: ['mask'], message: 'A mask is for inpainting (mode "inpaint").' });
    if (v.extend !== undefined && v.mode !== 'outpaint') ctx.addIssue({ code: 'custom', path: ['extend'], message: 'Extend is for outpainting (mode "outpaint").' });
    if (v.scale !== undefined && v.mode !== 'upscale') ctx.addIssue({ code: 'custom', path: ['scale'], message: 'Scale is for upscaling (mode "upscale").' });
  }),
);

export type GenerationInput = z.infer<typeof generationInputSchema>;

/**
 * A request as a generation row stores it: resolved (the seed picked, the model named), the init
 * image by upload id. The worker turns it into the engine's GenerationRequest.
 */
export type GenerationParams = Pick<GenerationInput, 'prompt' | 'negativePrompt' | 'width' | 'height' | 'steps' | 'guidance'> & {
  seed: number;
  /** A SAMPLERS name; rows written before a sampler was retired may hold another, which the worker refuses. */
  sampler: string;
  model: string;
  /** Image-to-image: the upload id and how far from it to move (0..1). */
  initImage?: string;
  strength?: number;
  /** An edit of a start image (absent on text-to-image and on image-to-image rows written before edits). */
  mode?: EditMode;
  /** The gallery image an edit started from (its upload is a copy), for lineage. */
  parentImage?: string;
  /** Inpaint: the mask's upload id (white repaints) and its feather in pixels. */
  mask?: string;
  maskFeather?: number;
  /** Inpaint: a crop around the mask at the model's native size; absent: chosen by the mask's size. */
  onlyMasked?: boolean;
  /** Outpaint: pixels added on each side, on the 8-pixel grid. */
  extend?: Extend;
  /** Images in the generation, seeds seed..seed+n-1 (imageSeed); absent in rows written before, meaning 1. */
  n?: number;
  /**
   * A style's slug. `prompt` and `negativePrompt` stay as the user wrote them (so "Use settings"
   * expands them again), the expanded pair is what the model ran, and the effects are a snapshot
   * of the style's at submit time, so a later edit of the style never changes a queued or retried job.
   */
  style?: string;
  styleEffects?: StyleEffect[];
  expandedPrompt?: string;
  expandedNegativePrompt?: string;
};
export type FieldErrors = Partial<Record<keyof GenerationInput, string>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as keyof GenerationInput | undefined;
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}

/** How many images a stored generation holds. */
export function imageCount(p: { n?: number }): number {
  return p.n ?? 1;
}

/**
 * The seed of image `index` of a generation: seed + index, wrapping past seedMax to 0 so every
 * image's seed is one a single-image request accepts, and reproduces that image alone.
 */
export function imageSeed(seed: number, index: number): number {
  if (index === 0) return seed;
  return (seed + index) % (LIMITS.seedMax + 1);
}

/** Columns of a generation's images, shared by the live preview tiles and the finished grid: a row of up to 3, or 2 x 2. */
export function imageGridColumns(n: number): number {
  return n === 4 ? 2 : Math.max(1, n);
}

export function randomSeed(): number {
  return Math.floor(Math.random() * LIMITS.seedMax);
}

/**
 * Steps actually run, what a generation is priced by and its progress counts: image-to-image
 * skips the first (1 - strength) of the schedule, as diffusers does, except LCM, whose img2img
 * pipeline shortens its distillation grid instead and still runs every step.
 */
export function effectiveSteps(p: { steps: number; initImage?: string; strength: number; sampler?: string }): number {
  if (!p.initImage || p.sampler === 'lcm') return p.steps;
  return Math.max(1, Math.min(p.steps, Math.floor(p.steps * p.strength)));
}
