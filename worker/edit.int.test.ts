import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images } from '../server/db/schema';
import { readPngText } from '../server/provenance/png-text';
import { colourFractions, discMask, drawDisc, psnr, type Rgb } from './engine/edit/edit-metrics';
import { featherMask } from './engine/edit/mask-feather';
import { startHarness, type Harness } from './testing/harness';

// Edits through the whole product: request checks and sizing on the server, the upload and mask
// read by the worker, the engine's edit, watermark and PNG metadata, storage and pricing.
let h: Harness;
let storeUpload: typeof import('../server/uploads/store-upload').storeUpload;
beforeAll(async () => {
  h = await startHarness();
  ({ storeUpload } = await import('../server/uploads/store-upload'));
  // The harness offers the fast random-weight model; the pixel checks need the trained one.
  const { registerModels } = await import('../server/models/registry');
  await registerModels(h.db, [{ id: 'kumori-demo', displayName: 'Kumori demo', nativeWidth: 128, nativeHeight: 128 }]);
});
afterAll(async () => h?.stop());

const RED: Rgb = [220, 40, 40];
const BLUE: Rgb = [40, 80, 220];
const GREEN: Rgb = [40, 200, 60];
const DISC = { cx: 64, cy: 64, radius: 28 };

const png = (rgb: Uint8Array, width: number, height: number, channels: 1 | 3 = 3) => sharp(rgb, { raw: { width, height, channels } }).png().toBuffer();

async function upload(userId: string, bytes: Buffer) {
  const stored = await storeUpload(userId, bytes);
  if (!stored.ok) throw new Error(stored.error.message);
  return stored;
}

/** The generation's first stored image as RGB, with its PNG text. */
async function resultOf(generationId: string) {
  const [row] = await h.db.select().from(images).where(eq(images.generationId, generationId));
  const bytes = (await h.storage.get(row.key))!;
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { row, rgb: new Uint8Array(data), width: info.width, height: info.height, text: readPngText(bytes) };
}

async function run(userId: string, input: Record<string, unknown>) {
  const created = await h.createGeneration(userId, input);
  if (!created.ok) throw new Error(`${created.error.message} ${JSON.stringify(created.error.fields ?? {})}`);
  const row = await h.finished(created.id, 120_000);
  expect(row.status, row.error ?? '').toBe('succeeded');
  return { created, row };
}

describe('inpainting', () => {
  it('repaints the masked disc and keeps everything outside the feather (after the watermark)', async () => {
    const userId = await h.newUser('pro');
    const original = drawDisc(128, 128, DISC, RED, BLUE);
    const mask = discMask(128, 128, DISC, 3);
    const image = await upload(userId, await png(original, 128, 128));
    const maskUpload = await upload(userId, await png(mask, 128, 128, 1));
    const { row } = await run(userId, {
      prompt: 'a large green circle on a blue background',
      model: 'kumori-demo', steps: 20, guidance: 7.5, seed: 1,
      mode: 'inpaint', initImage: image.id, mask: maskUpload.id, maskFeather: 4,
    });
    expect(row.params).toMatchObject({ mode: 'inpaint', mask: maskUpload.id, maskFeather: 4, strength: 1, width: 128, height: 128 });
    const result = await resultOf(row.id);
    expect([result.width, result.height]).toEqual([128, 128]);
    const alpha = featherMask(mask, 128, 128, 4);
    const outside = psnr(result.rgb, original, (p) => alpha[p] === 0);
    const inside = colourFractions(result.rgb, { red: RED, blue: BLUE, green: GREEN }, (p) => mask[p] === 255);
    console.log(`[edit] inpaint through the worker: PSNR outside the feathered mask ${outside.toFixed(1)} dB; inside red ${inside.red.toFixed(3)}, green ${inside.green.toFixed(3)}`);
    expect(outside).toBeGreaterThanOrEqual(40);
    expect(inside.red).toBeLessThan(0.1);
    expect(inside.green).toBeGreaterThan(0.3);
  });

  it('edits a gallery image by its id: the start image is copied, the parent recorded in the row and the PNG', async () => {
    const userId = await h.newUser('pro');
    const first = await run(userId, { prompt: 'a red circle', width: 64, height: 64, steps: 4, seed: 5 });
    const parent = await resultOf(first.row.id);
    const mask = new Uint8Array(64 * 64);
    mask.fill(255, 0, 64 * 16); // the top quarter
    const maskUpload = await upload(userId, await png(mask, 64, 64, 1));
    const { row } = await run(userId, { prompt: 'a blue sky', steps: 4, seed: 6, initImage: parent.row.id, mask: maskUpload.id, maskFeather: 0 });
    expect(row.params).toMatchObject({ mode: 'inpaint', parentImage: parent.row.id, width: 64, height: 64 });
    expect(row.params.initImage).not.toBe(parent.row.id);
    const edited = await resultOf(row.id);
    expect(JSON.parse(edited.text.kumori ?? '{}')).toMatchObject({ parentImage: parent.row.id });
    // The bottom three quarters are the parent's pixels, up to the watermark's noise.
    expect(psnr(edited.rgb, parent.rgb, (p) => p >= 64 * 24)).toBeGreaterThanOrEqual(35);
  });
});

describe('outpainting and upscaling', () => {
  it('extends the canvas on the 8-pixel grid and keeps the original where it was', async () => {
    const userId = await h.newUser('pro');
    const original = drawDisc(64, 64, { cx: 32, cy: 32, radius: 16 }, RED, BLUE);
    const image = await upload(userId, await png(original, 64, 64));
    const { row } = await run(userId, { prompt: 'a red circle on a blue background', steps: 4, seed: 2, initImage: image.id, extend: { right: 20 } });
    expect(row.params).toMatchObject({ mode: 'outpaint', width: 88, height: 64, extend: { left: 0, right: 24, top: 0, bottom: 0 } });
    const result = await resultOf(row.id);
    expect([result.width, result.height]).toEqual([88, 64]);
    const kept = new Uint8Array(64 * 64 * 3);
    for (let y = 0; y < 64; y++) kept.set(result.rgb.subarray(y * 88 * 3, (y * 88 + 64) * 3), y * 64 * 3);
    // The join's overlap band (8 px) and feather are repainted; the rest is the original.
    expect(psnr(kept, original, (p) => p % 64 < 64 - 8 - 6)).toBeGreaterThanOrEqual(35);
  });

  it('upscales x2, priced by the new pixels and the steps its strength runs', async () => {
    const userId = await h.newUser('pro');
    const image = await upload(userId, await png(drawDisc(64, 64, { cx: 32, cy: 32, radius: 16 }, RED, BLUE), 64, 64));
    const { created, row } = await run(userId, { prompt: 'a red circle', steps: 20, seed: 3, initImage: image.id, mode: 'upscale' });
    expect(row.params).toMatchObject({ mode: 'upscale', width: 128, height: 128, strength: 0.3 });
    expect(created.cost).toBe(Math.max(1, Math.ceil((128 * 128 * 6) / (512 * 512))));
    const result = await resultOf(row.id);
    expect([result.width, result.height]).toEqual([128, 128]);
  });
});

describe('refusals name the field', () => {
  it('refuses a mask of another size, a missing mask, an upscale past the limit and another user\'s image', async () => {
    const userId = await h.newUser('pro');
    const image = await upload(userId, await png(drawDisc(128, 128, DISC, RED, BLUE), 128, 128));
    const small = await upload(userId, await png(new Uint8Array(64 * 64).fill(255), 64, 64, 1));
    const big = await upload(userId, await png(new Uint8Array(640 * 640 * 3).fill(90), 640, 640));
    const fieldOf = async (input: Record<string, unknown>) => {
      const r = await h.createGeneration(userId, { prompt: 'x', steps: 4, ...input });
      return r.ok ? null : r.error.fields;
    };
    expect(await fieldOf({ initImage: image.id, mask: small.id })).toEqual({ mask: "The mask is 64×64; it must be the image's size, 128×128." });
    expect(await fieldOf({ initImage: image.id, mode: 'inpaint' })).toEqual({ mask: 'Paint a mask: inpainting repaints what it marks.' });
    expect(await fieldOf({ initImage: big.id, mode: 'upscale' })).toEqual({ scale: 'Upscaling this 640×640 image would make 1280×1280, above the 1024-pixel limit.' });
    expect(await fieldOf({ mode: 'upscale' })).toEqual({ initImage: 'Choose the image to edit.' });
    const stranger = await h.newUser();
    const r = await h.createGeneration(stranger, { prompt: 'x', steps: 4, initImage: image.id, mode: 'upscale' });
    expect(r).toMatchObject({ ok: false, error: { fields: { initImage: 'The init image is no longer available. Upload it again.' } } });
    expect(await h.ledger.balanceOf(h.db, userId)).toBeGreaterThan(0);
  });
});
