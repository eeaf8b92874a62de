import type { StyleDefinition } from '../../domain/styles/style-schema';

/**
 * The styles Kumori ships, tuned on the demo model (which ignores words it does not know, so the
 * look comes from the post effects; the tokens serve real Stable Diffusion models). Migration 0014
 * inserted exactly these rows once; from then on the table is the truth and admins edit it there.
 * scripts/make-style-previews.ts renders each one's preview from this list.
 */
export const SHIPPED_STYLES: StyleDefinition[] = [
  {
    slug: 'neon',
    name: 'Neon',
    description: 'Electric colour and deep shadows, like a sign at night.',
    template: '{prompt}, {tokens}',
    tokens: ['neon lights', 'glowing edges', 'synthwave', 'night'],
    negativePrompt: 'dull, washed out, daylight',
    overrides: {},
    effects: [
      { kind: 'enhance', saturation: 2.4, brightness: 1.05 },
      { kind: 'contrast', amount: 1.5 },
      { kind: 'sharpen', sigma: 1 },
      { kind: 'vignette', strength: 0.65 },
    ],
  },
  {
    slug: 'pastel',
    name: 'Pastel',
    description: 'Soft, light, chalky colours.',
    template: '{prompt}, {tokens}',
    tokens: ['pastel colours', 'soft light', 'gentle'],
    negativePrompt: 'harsh shadows, saturated',
    overrides: {},
    effects: [
      { kind: 'enhance', saturation: 0.55, brightness: 1.2 },
      { kind: 'contrast', amount: 0.7 },
      { kind: 'blur', sigma: 0.6 },
    ],
  },
  {
    slug: 'noir',
    name: 'Noir',
    description: 'Black and white, hard contrast and film grain.',
    template: '{prompt}, {tokens}',
    tokens: ['film noir', 'monochrome', 'dramatic lighting'],
    negativePrompt: 'colourful',
    overrides: {},
    effects: [
      { kind: 'enhance', saturation: 0, brightness: 1 },
      { kind: 'contrast', amount: 1.7 },
      // No vignette: grey with dark corners read as skin to the NSFW classifier (0.57 on a demo square).
      { kind: 'grain', amount: 18 },
    ],
  },
  {
    slug: 'vivid',
    name: 'Vivid',
    description: 'Punchy, saturated and crisp.',
    template: '{prompt}, {tokens}',
    tokens: ['vivid colours', 'high detail'],
    negativePrompt: 'dull, muted, blurry',
    overrides: { guidance: 9 },
    effects: [
      { kind: 'enhance', saturation: 1.8, brightness: 1 },
      { kind: 'contrast', amount: 1.25 },
      { kind: 'sharpen', sigma: 0.8 },
    ],
  },
  {
    slug: 'film',
    name: 'Film',
    description: 'Faded colour, grain and a soft vignette, like an old print.',
    template: '{prompt}, {tokens}',
    tokens: ['35mm film', 'analog photo', 'faded'],
    negativePrompt: 'digital, oversharpened',
    overrides: {},
    effects: [
      { kind: 'enhance', saturation: 0.8, brightness: 1.05 },
      { kind: 'contrast', amount: 0.9 },
      { kind: 'grain', amount: 12 },
      { kind: 'vignette', strength: 0.4 },
    ],
  },
  {
    slug: 'pop-art',
    name: 'Pop art',
    description: 'Flat, loud colour in a few bold tones.',
    template: '{prompt}, {tokens}',
    tokens: ['pop art', 'bold colours', 'comic print'],
    negativePrompt: 'photo, gradient',
    overrides: {},
    effects: [
      { kind: 'enhance', saturation: 2.6, brightness: 1.05 },
      { kind: 'contrast', amount: 1.3 },
      { kind: 'posterize', levels: 3 },
    ],
  },
  {
    slug: 'pixel',
    name: 'Pixel',
    description: 'Chunky pixels and a small palette, like an 8-bit game.',
    template: '{prompt}, {tokens}',
    tokens: ['pixel art', '8-bit', 'retro game'],
    negativePrompt: 'smooth, blurry',
    overrides: { steps: 16 },
    effects: [
      { kind: 'pixelate', size: 8 },
      { kind: 'posterize', levels: 5 },
      { kind: 'enhance', saturation: 1.3, brightness: 1 },
    ],
  },
  {
    slug: 'blueprint',
    name: 'Blueprint',
    description: 'White lines on engineering blue.',
    template: '{prompt}, {tokens}',
    tokens: ['blueprint', 'technical drawing', 'schematic'],
    negativePrompt: 'colourful, photo',
    overrides: {},
    effects: [
      { kind: 'contrast', amount: 1.4 },
      { kind: 'duotone', shadow: '#0b3a8c', highlight: '#eaf2ff' },
      { kind: 'sharpen', sigma: 1.2 },
    ],
  },
  {
    slug: 'dream',
    name: 'Dream',
    description: 'A soft, glowing haze.',
    template: '{prompt}, {tokens}',
    tokens: ['dreamy', 'ethereal', 'soft focus'],
    negativePrompt: 'harsh, gritty',
    overrides: {},
    effects: [
      { kind: 'blur', sigma: 2 },
      { kind: 'enhance', saturation: 1.2, brightness: 1.15 },
      { kind: 'vignette', strength: 0.3 },
    ],
  },
];

export const previewPathOf = (slug: string) => `/styles/${slug}.webp`;
