import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { addPngText, readPngText } from './png-text';

describe('PNG text chunks', () => {
  it('round-trips parameters and keeps the image decodable', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).png().toBuffer();
    const tagged = addPngText(png, { parameters: 'a red circle\nSteps: 20', kumori: '{"seed":1}' });
    expect(readPngText(tagged)).toEqual({ parameters: 'a red circle\nSteps: 20', kumori: '{"seed":1}' });
    const { data, info } = await sharp(tagged).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(8);
    expect([...data.subarray(0, 3)]).toEqual([255, 0, 0]);
  });

  it('escapes characters that Latin-1 cannot hold instead of corrupting them', async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).png().toBuffer();
    expect(readPngText(addPngText(png, { parameters: 'neko 猫' })).parameters).toBe('neko \\u732b');
  });
});
