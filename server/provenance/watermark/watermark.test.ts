import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { convolutionalEncode, viterbiDecode } from './convolutional';
import { BLOCK, dctBlock, idctBlock } from './dct';
import { haarForward, haarInverse } from './haar';
import { embedWatermark, extractWatermark, MIN_SIDE } from './index';
import { decodeCodeword, encodeCodeword } from './payload';
import { attacks, syntheticImage, type RawImage, type SyntheticKind } from '../../../worker/testing/watermark-test-images';

const ID = 0xd1ce_5eed_0123_4567n;

function marked(kind: SyntheticKind, width: number, height: number, seed: number, payload = ID): RawImage {
  return { data: embedWatermark(syntheticImage(kind, width, height, seed), width, height, 3, payload), width, height, channels: 3 };
}

function psnr(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (sum / a.length));
}

const read = (img: RawImage) => extractWatermark(img.data, img.width, img.height, img.channels);
const halveThenJpeg = async (img: RawImage) => attacks.jpeg(80)(await attacks.halve(img));

describe('watermark building blocks', () => {
  it('inverts the Haar transform and the 8x8 DCT exactly', () => {
    const plane = Float32Array.from({ length: 32 * 16 }, (_, i) => (i * 37) % 251);
    expect(haarInverse(haarForward(plane, 32, 16))).toEqual(plane);
    const coeffs = new Float64Array(BLOCK * BLOCK);
    const block = Float32Array.from({ length: 64 }, (_, i) => (i * 53) % 97);
    dctBlock(block, BLOCK, 0, 0, coeffs);
    const back = new Float32Array(64);
    idctBlock(coeffs, back, BLOCK, 0, 0);
    back.forEach((v, i) => expect(v).toBeCloseTo(block[i], 3));
  });

  it('corrects scattered codeword errors and refuses a codeword that fails its CRC', () => {
    const codeword = encodeCodeword(ID);
    const soft = Float32Array.from(codeword, (bit, i) => (bit ? -1 : 1) * (i % 9 === 4 ? -0.8 : 1));
    expect(decodeCodeword(soft).payload).toBe(ID);
    const message = viterbiDecode(Float32Array.from(convolutionalEncode(new Uint8Array(80)), (b) => (b ? -1 : 1)), 80);
    expect(message.every((b) => b === 0)).toBe(true);
    expect(decodeCodeword(new Float32Array(codeword.length).fill(1)).payload).toBeNull();
  });
});

describe('embedWatermark and extractWatermark', () => {
  it.each([
    [128, 128],
    [512, 512],
    [768, 512],
  ])('reads back the 64-bit id at %ix%i, also after a PNG round trip', async (width, height) => {
    const img = marked('scene', width, height, width + height);
    expect(read(img)).toMatchObject({ found: true, payload: ID, scale: 1 });
    expect(read(await attacks.png(img))).toMatchObject({ found: true, payload: ID });
  });

  it('accepts the id as 8 big-endian bytes and leaves alpha alone', () => {
    const rgb = syntheticImage('scene', 128, 128, 1);
    const rgba = new Uint8Array(128 * 128 * 4).map((_, i) => (i % 4 === 3 ? i % 256 : rgb[Math.floor(i / 4) * 3 + (i % 4)]));
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, ID);
    const out = embedWatermark(rgba, 128, 128, 4, bytes);
    expect(out.filter((_, i) => i % 4 === 3)).toEqual(rgba.filter((_, i) => i % 4 === 3));
    expect(extractWatermark(out, 128, 128, 4)).toMatchObject({ found: true, payload: ID });
  });

  it('gives the same bytes for the same input', () => {
    const rgb = syntheticImage('texture', 128, 128, 2);
    expect(Buffer.from(embedWatermark(rgb, 128, 128, 3, ID)).equals(Buffer.from(embedWatermark(rgb, 128, 128, 3, ID)))).toBe(true);
  });

  it('stays invisible: PSNR of at least 38 dB, and grey stays grey', () => {
    const kinds: SyntheticKind[] = ['scene', 'poster', 'texture', 'gradient'];
    for (const [width, height, seeds] of [[128, 128, 8], [512, 512, 1], [768, 512, 1]]) {
      for (let seed = 0; seed < seeds; seed++) {
        const original = syntheticImage(kinds[seed % kinds.length], width, height, 40 + seed);
        expect(psnr(original, embedWatermark(original, width, height, 3, ID))).toBeGreaterThanOrEqual(38);
      }
    }
    const grey = new Uint8Array(128 * 128 * 3).fill(128);
    const out = embedWatermark(grey, 128, 128, 3, ID);
    for (let p = 0; p < out.length; p += 3) expect(out[p] === out[p + 1] && out[p + 1] === out[p + 2]).toBe(true);
  });

  it.each([
    ['JPEG q80', attacks.jpeg(80)],
    ['a 50% resize', attacks.halve],
    ['a 50% resize then JPEG q80', halveThenJpeg],
    ['JPEG q80 then a 50% resize', async (img: RawImage) => attacks.halve(await attacks.jpeg(80)(img))],
  ])('survives %s at 128x128 on shapes, flat posters, textures and gradients', async (_, attack) => {
    const kinds: SyntheticKind[] = ['scene', 'poster', 'texture', 'gradient'];
    for (let seed = 0; seed < 8; seed++) {
      const payload = BigInt(seed) * 0x0123_4567_89ab_cdefn;
      const reading = read(await attack(marked(kinds[seed % kinds.length], 128, 128, 70 + seed, payload)));
      expect(reading, `${kinds[seed % kinds.length]} ${seed}`).toMatchObject({ found: true, payload });
    }
  });

  it.each([
    [512, 512],
    [768, 512],
  ])('survives a 50% resize then JPEG q80 at %ix%i, reporting the scale', async (width, height) => {
    const reading = read(await halveThenJpeg(marked('texture', width, height, 3)));
    expect(reading).toMatchObject({ found: true, payload: ID, scale: 0.5 });
  });

  it('reads other rescales when told the sizes the image may have been made at', async () => {
    const img = marked('scene', 512, 512, 9);
    const pixels = new Uint8Array(await sharp(img.data, { raw: img }).resize(384, 384).raw().toBuffer());
    expect(extractWatermark(pixels, 384, 384, 3).found).toBe(false);
    const sizes = [{ width: 768, height: 512 }, { width: 512, height: 512 }];
    expect(extractWatermark(pixels, 384, 384, 3, { originalSizes: sizes })).toMatchObject({ found: true, payload: ID });
  });

  it('finds nothing in 50 noise images and 20 unmarked smooth images', () => {
    for (let seed = 0; seed < 50; seed++) expect(extractWatermark(syntheticImage('noise', 128, 128, seed), 128, 128, 3).found).toBe(false);
    for (let seed = 0; seed < 20; seed++) {
      const [width, height] = seed < 16 ? [128, 128] : [512, 256];
      const kind = seed % 2 ? 'gradient' : 'scene';
      expect(extractWatermark(syntheticImage(kind, width, height, 500 + seed), width, height, 3).found).toBe(false);
    }
  });

  it('refuses images too small to carry the payload', () => {
    expect(() => embedWatermark(new Uint8Array(64 * 64 * 3), 64, 64, 3, ID)).toThrow(RangeError);
    expect(() => embedWatermark(new Uint8Array(MIN_SIDE * MIN_SIDE * 3), MIN_SIDE, MIN_SIDE, 3, 1n << 64n)).toThrow(RangeError);
  });
});
