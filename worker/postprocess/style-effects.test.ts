import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StyleEffect } from '../../domain/styles/effects';
import { extractWatermark } from '../../server/provenance/watermark';
import { SHIPPED_STYLES } from '../../server/styles/shipped-styles';
import { generate } from '../engine/pipeline';
import { loadModel, type LoadedModel } from '../models/load-model';
import { applyStyleEffects, type RgbImage } from './style-effects';
import { watermarkImage } from './watermark-image';

// Each effect on an image the shipped demo model made, measured in the direction it should move.
const DIR = path.resolve(__dirname, '..', 'models', 'kumori-demo');
let model: LoadedModel;
let photo: RgbImage;

beforeAll(async () => {
  model = await loadModel(DIR, { executionProvider: 'cpu' });
  const params = { prompt: 'a large orange circle on a blue background', negativePrompt: '', width: 128, height: 128, steps: 12, guidance: 7.5, sampler: 'ddim', seed: 7 };
  const out = await generate(model, params);
  photo = { rgb: out.images[0].rgb, width: out.width, height: out.height };
}, 60_000);
afterAll(async () => model?.release());

const pixels = (img: RgbImage) => Array.from({ length: img.width * img.height }, (_, p) => [img.rgb[3 * p], img.rgb[3 * p + 1], img.rgb[3 * p + 2]]);
const luma = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const saturation = (img: RgbImage) => mean(pixels(img).map((p) => (Math.max(...p) === 0 ? 0 : (Math.max(...p) - Math.min(...p)) / Math.max(...p))));
const brightness = (img: RgbImage) => mean(pixels(img).map(luma));
const spread = (img: RgbImage) => {
  const l = pixels(img).map(luma);
  const m = mean(l);
  return Math.sqrt(mean(l.map((v) => (v - m) ** 2)));
};
/** Mean absolute difference between horizontal neighbours: edges and texture. */
const detail = (img: RgbImage) => {
  let sum = 0;
  for (let y = 0; y < img.height; y++) for (let x = 1; x < img.width; x++) for (let c = 0; c < 3; c++) sum += Math.abs(img.rgb[3 * (y * img.width + x) + c] - img.rgb[3 * (y * img.width + x - 1) + c]);
  return sum / (img.height * (img.width - 1) * 3);
};
const levels = (img: RgbImage) => Math.max(...[0, 1, 2].map((c) => new Set(pixels(img).map((p) => p[c])).size));
const corners = (img: RgbImage) => mean([0, img.width - 1, (img.height - 1) * img.width, img.height * img.width - 1].map((p) => luma([img.rgb[3 * p], img.rgb[3 * p + 1], img.rgb[3 * p + 2]])));
const apply = (...effects: StyleEffect[]) => applyStyleEffects(photo, effects, 7);

describe('style post effects on a demo image', () => {
  it('colour enhance raises saturation, and 0 makes it grey', async () => {
    expect(saturation(await apply({ kind: 'enhance', saturation: 2, brightness: 1 }))).toBeGreaterThan(saturation(photo) + 0.05);
    expect(saturation(await apply({ kind: 'enhance', saturation: 0, brightness: 1 }))).toBeLessThan(0.02);
    expect(brightness(await apply({ kind: 'enhance', saturation: 1, brightness: 1.3 }))).toBeGreaterThan(brightness(photo) + 10);
  });

  it('contrast widens or narrows the spread of luminance', async () => {
    expect(spread(await apply({ kind: 'contrast', amount: 1.6 }))).toBeGreaterThan(spread(photo) * 1.3);
    expect(spread(await apply({ kind: 'contrast', amount: 0.5 }))).toBeLessThan(spread(photo) * 0.7);
  });

  it('sharpen adds detail and blur removes it', async () => {
    expect(detail(await apply({ kind: 'sharpen', sigma: 1 }))).toBeGreaterThan(detail(photo) * 1.1);
    expect(detail(await apply({ kind: 'blur', sigma: 2 }))).toBeLessThan(detail(photo) * 0.8);
  });

  it('vignette darkens the corners and leaves the centre', async () => {
    const v = await apply({ kind: 'vignette', strength: 0.8 });
    expect(corners(v)).toBeLessThan(corners(photo) * 0.5);
    const centre = 3 * (64 * 128 + 64);
    expect(Math.abs(v.rgb[centre] - photo.rgb[centre])).toBeLessThanOrEqual(1);
  });

  it('grain adds texture, the same for the same seed', async () => {
    const a = await apply({ kind: 'grain', amount: 20 });
    expect(detail(a)).toBeGreaterThan(detail(photo) + 5);
    expect((await apply({ kind: 'grain', amount: 20 })).rgb).toEqual(a.rgb);
    expect((await applyStyleEffects(photo, [{ kind: 'grain', amount: 20 }], 8)).rgb).not.toEqual(a.rgb);
  });

  it('duotone maps every pixel between the two colours', async () => {
    const d = await apply({ kind: 'duotone', shadow: '#000080', highlight: '#ffffff' });
    // On the line from (0,0,128) to (255,255,255): red equals green, blue at least 128.
    for (const [r, g, b] of pixels(d)) {
      expect(Math.abs(r - g)).toBeLessThanOrEqual(1);
      expect(b).toBeGreaterThanOrEqual(127);
    }
  });

  it('pixelate makes uniform blocks', async () => {
    const p = await apply({ kind: 'pixelate', size: 8 });
    for (let y = 0; y < 128; y += 8)
      for (let x = 0; x < 128; x += 8) {
        const at = (dx: number, dy: number) => 3 * ((y + dy) * 128 + x + dx);
        expect([p.rgb[at(7, 7)], p.rgb[at(7, 7) + 1]]).toEqual([p.rgb[at(0, 0)], p.rgb[at(0, 0) + 1]]);
      }
  });

  it('posterize leaves at most the given number of levels per channel', async () => {
    expect(levels(photo)).toBeGreaterThan(20);
    expect(levels(await apply({ kind: 'posterize', levels: 4 }))).toBeLessThanOrEqual(4);
  });

  it('applies effects in order', async () => {
    const a = await apply({ kind: 'posterize', levels: 3 }, { kind: 'blur', sigma: 2 });
    const b = await apply({ kind: 'blur', sigma: 2 }, { kind: 'posterize', levels: 3 });
    expect(levels(b)).toBeLessThanOrEqual(3);
    expect(levels(a)).toBeGreaterThan(3);
  });

  it('no effects return the image untouched', async () => {
    expect((await applyStyleEffects(photo, undefined, 7)).rgb).toBe(photo.rgb);
  });

  it.each(SHIPPED_STYLES.map((s) => [s.slug, s.effects] as const))('%s: changes the image and keeps a readable watermark embedded after it', async (_slug, effects) => {
    const styled = await applyStyleEffects(photo, effects, 7);
    expect(mean(Array.from(styled.rgb, (v, i) => Math.abs(v - photo.rgb[i])))).toBeGreaterThan(4);
    const marked = watermarkImage(styled.rgb, styled.width, styled.height);
    const reading = extractWatermark(marked.rgb, styled.width, styled.height, 3);
    expect(reading.found && reading.payload.toString()).toBe(marked.watermarkId);
  });
});
