import { z } from 'zod';

/**
 * Post effects a style applies to each decoded image, in order, before moderation and the
 * watermark (worker/postprocess/style-effects.ts). Declared once: the admin form, the style schema
 * and the worker's pipeline all read this list and these bounds.
 */
export const EFFECT_KINDS = ['enhance', 'contrast', 'sharpen', 'blur', 'vignette', 'grain', 'duotone', 'pixelate', 'posterize'] as const;
export type EffectKind = (typeof EFFECT_KINDS)[number];

export const EFFECT_LABELS: Record<EffectKind, string> = {
  enhance: 'Colour enhance',
  contrast: 'Contrast',
  sharpen: 'Sharpen',
  blur: 'Blur',
  vignette: 'Vignette',
  grain: 'Grain',
  duotone: 'Duotone',
  pixelate: 'Pixelate',
  posterize: 'Posterize',
};

type NumberParam = { key: string; label: string; min: number; max: number; step: number; default: number; integer?: boolean };
type ColourParam = { key: string; label: string; colour: true; default: string };
export type EffectParam = NumberParam | ColourParam;

/** Each kind's parameters with their bounds: wide enough to be useful, narrow enough that no value ruins an image by accident. */
export const EFFECT_PARAMS: Record<EffectKind, EffectParam[]> = {
  enhance: [
    { key: 'saturation', label: 'Saturation', min: 0, max: 3, step: 0.05, default: 1.4 },
    { key: 'brightness', label: 'Brightness', min: 0.5, max: 1.5, step: 0.05, default: 1 },
  ],
  contrast: [{ key: 'amount', label: 'Amount', min: 0.2, max: 3, step: 0.05, default: 1.3 }],
  sharpen: [{ key: 'sigma', label: 'Radius', min: 0.3, max: 5, step: 0.1, default: 1 }],
  blur: [{ key: 'sigma', label: 'Radius', min: 0.3, max: 20, step: 0.1, default: 1.5 }],
  vignette: [{ key: 'strength', label: 'Strength', min: 0, max: 1, step: 0.05, default: 0.5 }],
  grain: [{ key: 'amount', label: 'Amount', min: 0, max: 64, step: 1, default: 16 }],
  duotone: [
    { key: 'shadow', label: 'Shadow colour', colour: true, default: '#1b1d4d' },
    { key: 'highlight', label: 'Highlight colour', colour: true, default: '#f5d76e' },
  ],
  pixelate: [{ key: 'size', label: 'Block size (px)', min: 2, max: 64, step: 1, default: 8, integer: true }],
  posterize: [{ key: 'levels', label: 'Levels per channel', min: 2, max: 16, step: 1, default: 4, integer: true }],
};

const HEX = /^#[0-9a-f]{6}$/i;

function paramSchema(kind: EffectKind, p: EffectParam) {
  const name = `${EFFECT_LABELS[kind]}: ${p.label.toLowerCase()}`;
  if ('colour' in p) return z.string({ message: `${name} must be a colour like #1b1d4d.` }).regex(HEX, `${name} must be a colour like #1b1d4d.`);
  let n = z.number({ message: `${name} must be a number.` }).min(p.min, `${name} must be at least ${p.min}.`).max(p.max, `${name} must be at most ${p.max}.`);
  if (p.integer) n = n.int(`${name} must be a whole number.`);
  return n;
}

function effectSchema<K extends EffectKind>(kind: K) {
  const shape = Object.fromEntries(EFFECT_PARAMS[kind].map((p) => [p.key, paramSchema(kind, p)]));
  return z.object({ kind: z.literal(kind), ...shape });
}

export const styleEffectSchema = z.discriminatedUnion(
  'kind',
  EFFECT_KINDS.map((k) => effectSchema(k)) as unknown as [ReturnType<typeof effectSchema>, ...ReturnType<typeof effectSchema>[]],
  { message: `Effect kind must be one of: ${EFFECT_KINDS.join(', ')}.` },
);

export type StyleEffect =
  | { kind: 'enhance'; saturation: number; brightness: number }
  | { kind: 'contrast'; amount: number }
  | { kind: 'sharpen'; sigma: number }
  | { kind: 'blur'; sigma: number }
  | { kind: 'vignette'; strength: number }
  | { kind: 'grain'; amount: number }
  | { kind: 'duotone'; shadow: string; highlight: string }
  | { kind: 'pixelate'; size: number }
  | { kind: 'posterize'; levels: number };

export const EFFECTS_MAX = 8;

export const styleEffectsSchema = z
  .array(styleEffectSchema)
  .max(EFFECTS_MAX, `A style has at most ${EFFECTS_MAX} effects.`) as unknown as z.ZodType<StyleEffect[]>;

/** An effect of `kind` with every parameter at its default, for the admin form's "Add effect". */
export function defaultEffect(kind: EffectKind): StyleEffect {
  return { kind, ...Object.fromEntries(EFFECT_PARAMS[kind].map((p) => [p.key, p.default])) } as StyleEffect;
}
