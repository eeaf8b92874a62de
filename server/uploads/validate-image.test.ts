import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { validateUploadedImage } from './validate-image';

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
