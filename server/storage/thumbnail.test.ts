import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { THUMB_SIZE, thumbnailWebp } from './thumbnail';

/** Mean absolute difference of neighbouring pixels: detail that a blur takes away. */
async function detail(webp: Buffer) {
  const { data, info } = await sharp(webp).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 1; i < data.length; i++) if (i % info.width) sum += Math.abs(data[i] - data[i - 1]);
  return { mean: sum / data.length, width: info.width, height: info.height };
}

describe('thumbnailWebp', () => {
  const [width, height] = [512, 384];
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.fill(((x >> 3) + (y >> 3)) % 2 ? 230 : 20, (y * width + x) * 3, (y * width + x) * 3 + 3);

  it('fits the image inside the thumbnail size, keeping its aspect', async () => {
    expect(await detail(await thumbnailWebp({ rgb, width, height }))).toMatchObject({ width: THUMB_SIZE, height: 192 });
  });

  it('blurs away the detail of an image awaiting review', async () => {
    const sharpThumb = await detail(await thumbnailWebp({ rgb, width, height }));
    const blurred = await detail(await thumbnailWebp({ rgb, width, height }, { blur: true }));
    expect(sharpThumb.mean).toBeGreaterThan(20);
    expect(blurred.mean).toBeLessThan(sharpThumb.mean / 20);
  });
});
