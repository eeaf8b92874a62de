/**
 * "Use settings", "Vary" and "Reuse seed" on a finished image, from a feed card or through
 * `/generate?remix=<imageId>&mode=…` (the gallery links there): what each puts into the form.
 */
export const REMIX_MODES = ['settings', 'vary-subtle', 'vary-strong', 'seed'] as const;
export type RemixMode = (typeof REMIX_MODES)[number];

export const isRemixMode = (v: unknown): v is RemixMode => typeof v === 'string' && (REMIX_MODES as readonly string[]).includes(v);

/** Image-to-image strength of the two Vary buttons: low keeps the picture, high redraws more of it. */
export const VARY_STRENGTH = { 'vary-subtle': 0.35, 'vary-strong': 0.7 } as const;

/** What a remix needs of a generated image: its generation's stored params, and its own seed. */
export type RemixSource = {
  imageId: string;
  seed: number;
  params: {
    prompt: string;
    negativePrompt: string;
    width: number;
    height: number;
    steps: number;
    guidance: number;
    sampler: string;
    model: string;
    /** A style's slug; the stored prompt is the user's own, so the style expands it again. */
    style?: string;
  };
};

/** Form fields (as strings, the way the form holds them) a remix sets; the rest stay as they are. */
export function remixFields(source: RemixSource, mode: RemixMode): Record<string, string> {
  if (mode === 'seed') return { seed: String(source.seed) };
  const p = source.params;
  const settings = {
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    width: String(p.width),
    height: String(p.height),
    steps: String(p.steps),
    guidance: String(p.guidance),
    sampler: p.sampler,
    model: p.model,
    style: p.style ?? '',
  };
  // One image, that image's own seed: Use settings reproduces exactly the image it was pressed on.
  if (mode === 'settings') return { ...settings, seed: String(source.seed), n: '1' };
  // A variation wants a new seed: the same one would redraw the same noise over the image.
  return { ...settings, seed: '', strength: String(VARY_STRENGTH[mode]) };
}
