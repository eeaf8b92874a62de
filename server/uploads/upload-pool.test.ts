import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { closeUploadPool, processUploadOffThread } from './upload-pool';

afterAll(() => closeUploadPool());

describe('processUploadOffThread', () => {
  it('re-encodes and classifies an upload on a worker thread, not the event loop', async () => {
    const webp = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#3366cc' } }).webp().toBuffer();
    const r = await processUploadOffThread(webp);
    expect(r).toMatchObject({ ok: true, image: { format: 'webp', mime: 'image/webp', width: 200, height: 120 } });
    if (!r.ok) return;
    expect(r.threadId).not.toBe(0);
    expect(Buffer.isBuffer(r.image.bytes)).toBe(true);
    expect((await sharp(r.image.bytes).metadata()).format).toBe('webp');
    expect(Object.keys(r.scores).sort()).toEqual(['drawing', 'hentai', 'neutral', 'porn', 'sexy']);
  });

  it('returns a refusal from the thread as a value', async () => {
    expect(await processUploadOffThread(Buffer.from('<svg onload=alert(1)>'))).toMatchObject({ ok: false, error: { code: 'not_an_image' } });
  });
});
