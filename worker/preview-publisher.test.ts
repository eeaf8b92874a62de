import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PreviewPublisher } from './preview-publisher';

const projection = { factors: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]] as [number, number, number][], bias: [0, 0, 0] as [number, number, number] };
const shape = [1, 4, 8, 8];
const latents = new Float32Array(4 * 64).fill(0.5);

describe('PreviewPublisher', () => {
  it('publishes WebP frames in order, one at a time, always including the last step', async () => {
    const published: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const pub = new PreviewPublisher(projection, async ({ step, preview }) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      expect((await sharp(preview).metadata()).format).toBe('webp');
      published.push(step);
      inFlight--;
    }, 0);
    for (let step = 1; step <= 30; step++) pub.offer(step, 30, latents, shape);
    await pub.flush();
    expect(maxInFlight).toBe(1);
    expect(published.at(-1)).toBe(30);
    expect([...published].sort((a, b) => a - b)).toEqual(published);
    // Offering is synchronous and cheap; frames that arrive while one is encoding are coalesced.
    expect(published.length).toBeLessThan(30);
  });

  it('spaces frames by the minimum interval but never drops the final one', async () => {
    const published: number[] = [];
    const pub = new PreviewPublisher(projection, async ({ step }) => void published.push(step), 60_000);
    for (let step = 1; step <= 10; step++) pub.offer(step, 10, latents, shape);
    await pub.flush();
    expect(published).toEqual([1, 10]);
  });

  it('reports a publishing failure on flush', async () => {
    const pub = new PreviewPublisher(projection, async () => {
      throw new Error('redis down');
    }, 0);
    pub.offer(1, 1, latents, shape);
    await expect(pub.flush()).rejects.toThrow('redis down');
  });
});
