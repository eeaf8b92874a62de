import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images } from '../server/db/schema';
import { readPngText } from '../server/provenance/png-text';
import { extractWatermark } from '../server/provenance/watermark';
import { startHarness, type Harness } from './testing/harness';

// A styled generation through the real worker: the effects are in the stored pixels, the PNG's
// metadata carries the style and expanded prompt, and the watermark (embedded after) still reads.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

async function generatePng(userId: string, style?: string) {
  const r = await h.createGeneration(userId, { prompt: 'a red circle', width: 128, height: 128, steps: 4, seed: 11, tier: 'relax', ...(style ? { style } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  expect((await h.finished(r.id)).status).toBe('succeeded');
  const [image] = await h.db.select().from(images).where(eq(images.generationId, r.id));
  const png = (await h.storage.get(image.key))!;
  const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { png, rgb: new Uint8Array(data), watermarkId: image.watermarkId };
}
const meanSaturation = (rgb: Uint8Array) => {
  let sum = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const max = Math.max(rgb[i], rgb[i + 1], rgb[i + 2]);
    sum += max === 0 ? 0 : (max - Math.min(rgb[i], rgb[i + 1], rgb[i + 2])) / max;
  }
  return sum / (rgb.length / 3);
};

describe('a styled generation through the worker', () => {
  it('applies the style effects before the watermark and records the style in the PNG', async () => {
    const userId = await h.newUser();
    const plain = await generatePng(userId);
    const noir = await generatePng(userId, 'noir');
    expect(meanSaturation(plain.rgb)).toBeGreaterThan(0.1);
    // Noir desaturates fully; the watermark's tiny luma changes add almost no colour back.
    expect(meanSaturation(noir.rgb)).toBeLessThan(0.03);
    const meta = JSON.parse(readPngText(noir.png).kumori);
    expect(meta).toMatchObject({ prompt: 'a red circle', style: 'noir', expandedPrompt: 'a red circle, film noir, monochrome, dramatic lighting' });
    const reading = extractWatermark(noir.rgb, 128, 128, 3);
    expect(reading.found && reading.payload.toString()).toBe(noir.watermarkId);
  });
});
