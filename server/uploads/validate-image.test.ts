import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { reencodeUploadedImage, validateUploadedImage } from './validate-image';

type Img = ReturnType<typeof sharp>;
const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3366cc' } });

describe('validateUploadedImage', () => {
  it('accepts PNG, JPEG and WebP by their bytes and re-encodes them as PNG', async () => {
    for (const encode of [(s: Img) => s.png(), (s: Img) => s.jpeg(), (s: Img) => s.webp()]) {
      const r = await validateUploadedImage(await encode(solid(120, 80)).toBuffer());
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.image).toMatchObject({ width: 120, height: 80 });
        expect((await sharp(r.image.png).metadata()).format).toBe('png');
      }
    }
  });

  it.each([
    ['an empty file', async () => Buffer.alloc(0), 'empty'],
    ['text pretending to be an image', async () => Buffer.from('<svg onload=alert(1)>'), 'not_an_image'],
    ['a GIF', async () => solid(100, 100).gif().toBuffer(), 'unsupported'],
    ['a 32 px sliver', async () => solid(32, 200).png().toBuffer(), 'too_small'],
    ['a decompression bomb (8000x8000 of one colour, a few KB)', async () => solid(8000, 8000).png({ compressionLevel: 9 }).toBuffer(), 'too_many_pixels'],
    ['a truncated PNG', async () => (await solid(200, 200).png().toBuffer()).subarray(0, 60), 'corrupt'],
    ['an 11 MB file', async () => Buffer.alloc(11 * 2 ** 20, 1), 'too_large'],
  ])('refuses %s with a reason', async (_name, make, code) => {
    const r = await validateUploadedImage(await make());
    expect(r).toMatchObject({ ok: false, error: { code } });
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
  });
});

describe('reencodeUploadedImage', () => {
  it('keeps each accepted format, with fresh bytes and the right type', async () => {
    for (const [format, mime] of [['png', 'image/png'], ['jpeg', 'image/jpeg'], ['webp', 'image/webp']] as const) {
      const input = await solid(120, 80).toFormat(format).toBuffer();
      const r = await reencodeUploadedImage(input);
      expect(r).toMatchObject({ ok: true, image: { format, mime, width: 120, height: 80 } });
      if (r.ok) expect((await sharp(r.image.bytes).metadata()).format).toBe(format);
    }
  });

  it('drops what a polyglot hides after the image data, and the metadata', async () => {
    const payload = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const image = await solid(96, 96).withMetadata({ exif: { IFD0: { Copyright: 'secret-exif-text' } } }).toFormat(format).toBuffer();
      const r = await reencodeUploadedImage(Buffer.concat([image, payload]));
      expect(r.ok, format).toBe(true);
      if (!r.ok) continue;
      expect(r.image.bytes.includes(payload), format).toBe(false);
      expect(r.image.bytes.includes(Buffer.from('secret-exif-text')), format).toBe(false);
      expect((await sharp(r.image.bytes).metadata()).exif, format).toBeUndefined();
    }
  });

  it('reads CMYK JPEGs and 16-bit PNGs into 8-bit sRGB pixels for the NSFW check', async () => {
    const cmyk = await reencodeUploadedImage(await solid(80, 80).toColourspace('cmyk').jpeg().toBuffer());
    expect(cmyk).toMatchObject({ ok: true, image: { format: 'jpeg' }, pixels: { channels: 3, width: 80, height: 80 } });
    const deep = await reencodeUploadedImage(await solid(80, 80).png().toColourspace('rgb16').toBuffer());
    expect(deep).toMatchObject({ ok: true, image: { format: 'png' }, pixels: { channels: 3 } });
    if (deep.ok) expect(deep.pixels.data.length).toBe(80 * 80 * 3);
  });

  it('refuses what validateUploadedImage refuses', async () => {
    expect(await reencodeUploadedImage(await solid(100, 100).gif().toBuffer())).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await reencodeUploadedImage((await solid(200, 200).webp().toBuffer()).subarray(0, 60))).toMatchObject({ ok: false, error: { code: 'corrupt' } });
  });
});
