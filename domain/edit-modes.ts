import { z } from 'zod';
import { fromDecimal } from './form-number';

/**
 * What a generation does with a start image. `img2img` moves the whole image toward the prompt;
 * `inpaint` repaints what the mask marks; `outpaint` extends the canvas and fills the new area;
 * `upscale` enlarges by `scale` and refines at a low strength (a hires pass).
 */
export const EDIT_MODES = ['img2img', 'inpaint', 'outpaint', 'upscale'] as const;
export type EditMode = (typeof EDIT_MODES)[number];

export const EDIT_LIMITS = {
  featherMax: 64,
  featherDefault: 4,
  extendMax: 512,
  /** Upscaling always doubles: the hires pass is tuned for one x2 step. */
  scale: 2,
  upscaleStrength: 0.3,
} as const;


const side = (label: string) =>
  z
    .preprocess(
      fromDecimal,
      z
        .number({ message: `Extend ${label} must be a number of pixels.` })
        .int(`Extend ${label} must be a whole number of pixels.`)
        .min(0, `Extend ${label} must be 0 or more.`)
        .max(EDIT_LIMITS.extendMax, `Extend ${label} must be at most ${EDIT_LIMITS.extendMax} pixels.`),
    )
    .default(0);

/** Pixels to add on each side (outpaint); each is rounded up to the 8-pixel latent grid. */
export const extendSchema = z
  .object({ left: side('left'), right: side('right'), top: side('top'), bottom: side('bottom') }, { message: 'Extend must be {left, right, top, bottom} in pixels.' })
  .strict()
  .refine((e) => e.left + e.right + e.top + e.bottom > 0, 'Extend at least one side.');
export type Extend = z.infer<typeof extendSchema>;

/** The edit fields of a generation request (domain/generation-params merges them in). */
export const editFieldsSchema = {
  mode: z
    .enum(EDIT_MODES, { message: `Mode must be one of: ${EDIT_MODES.join(', ')}.` })
    .optional()
    .meta({ description: 'What to do with `initImage`. Absent: inferred (a mask means inpaint, `extend` outpaint, `scale` upscale, else img2img).' }),
  /** An upload id of a mask: white (or, in a PNG with transparency, fully transparent) marks what to repaint. */
  mask: z
    .union([z.literal('').transform(() => undefined), z.uuid('Upload the mask again.')])
    .optional()
    .meta({ description: "Inpaint: an upload id of a mask the image's size; white marks what to repaint, black what to keep." }),
  maskFeather: z
    .preprocess(
      fromDecimal,
      z
        .number({ message: 'Feather must be a number of pixels.' })
        .int('Feather must be a whole number of pixels.')
        .min(0, 'Feather must be 0 or more.')
        .max(EDIT_LIMITS.featherMax, `Feather must be at most ${EDIT_LIMITS.featherMax} pixels.`),
    )
    .optional(),
  extend: extendSchema.optional().meta({ description: 'Outpaint: pixels to add on each side (each rounded up to a multiple of 8).' }),
  scale: z.preprocess(fromDecimal, z.literal(EDIT_LIMITS.scale, { message: `Scale must be ${EDIT_LIMITS.scale}: upscaling doubles the image.` })).optional(),
  /** Inpaint a crop around the mask at the model's native size; absent: chosen by the mask's size. */
  onlyMasked: z
    .boolean({ message: 'onlyMasked must be true or false.' })
    .optional()
    .meta({ description: "Inpaint only a crop around the mask at the model's native size; absent: chosen when the mask is small on a large image." }),
};

/** Rounds a side up to the latent grid, as the engine's canvas does. */
export const gridUp = (px: number) => Math.ceil(px / 8) * 8;

/**
 * The output size of an edit of a `width` x `height` start image: the image's own size for
 * img2img and inpaint, the extended canvas for outpaint, doubled for upscale (all on the grid).
 */
export function editOutputSize(mode: EditMode, width: number, height: number, extend?: Extend): { width: number; height: number } {
  const w = gridUp(width);
  const h = gridUp(height);
  if (mode === 'outpaint' && extend) {
    return { width: w + gridUp(extend.left) + gridUp(extend.right), height: h + gridUp(extend.top) + gridUp(extend.bottom) };
  }
  if (mode === 'upscale') return { width: w * EDIT_LIMITS.scale, height: h * EDIT_LIMITS.scale };
  return { width: w, height: h };
}
