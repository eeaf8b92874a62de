import net from 'node:net';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { benignImages } from './benign-images';
import { loadNsfwClassifier, NsfwInputError, type NsfwClassifier, type NsfwScores } from './classifier';
import { decide } from './scores-policy';

const networkAttempts: string[] = [];
let classifier: NsfwClassifier;

// Everything in this file, the first model load included, runs with the network refused.
beforeAll(async () => {
  vi.stubGlobal('fetch', (input: unknown) => {
    networkAttempts.push(`fetch ${String(input)}`);
    throw new Error(`the NSFW classifier tried to fetch ${String(input)}`);
  });
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
    networkAttempts.push('socket connect');
    throw new Error('the NSFW classifier tried to open a socket');
  });
  classifier = await loadNsfwClassifier();
});

afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function expectProbabilities(scores: NsfwScores) {
  const values = Object.values(scores);
  expect(values).toHaveLength(5);
  for (const p of values) expect(p).toBeGreaterThanOrEqual(0);
  expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
}

describe('NSFW classifier', () => {
  it('loads the model bundled in nsfwjs and classifies without touching the network', async () => {
    const [image] = await benignImages(128);
    expectProbabilities(await classifier.classify(image.png));
    expect(classifier).toMatchObject({ model: 'MobileNetV2', backend: 'wasm', inputSize: 224 });
    expect(networkAttempts).toEqual([]);
  });

  it('loads once and hands every caller the same classifier', async () => {
    expect(await loadNsfwClassifier({ model: 'MobileNetV2' })).toBe(classifier);
  });

  it.each([128, 512])('allows ordinary synthetic images at %i px with the default thresholds', async (size) => {
    const flagged: string[] = [];
    for (const { name, png } of await benignImages(size)) {
      const scores = await classifier.classify(png);
      expectProbabilities(scores);
      if (decide(scores) !== 'allow') flagged.push(`${name}: ${JSON.stringify(scores)}`);
    }
    expect(flagged).toEqual([]);
  });

  it('gives identical scores for identical bytes', async () => {
    const circle = (await benignImages(512)).find((image) => image.name === 'red circle on blue')!;
    expect(await classifier.classify(circle.png)).toEqual(await classifier.classify(Buffer.from(circle.png)));
  });

  it('frees every tensor it creates', async () => {
    const pool = [...(await benignImages(128)), ...(await benignImages(512))];
    const before = tf.memory();
    for (let i = 0; i < 20; i++) await classifier.classify(pool[i % pool.length].png);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it('accepts JPEG, WebP, greyscale and transparent images', async () => {
    const base = sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } });
    const inputs = [
      await base.clone().jpeg().toBuffer(),
      await base.clone().webp().toBuffer(),
      await base.clone().greyscale().png().toBuffer(),
      await base.clone().png().toBuffer(),
    ];
    for (const input of inputs) expectProbabilities(await classifier.classify(input));
  });

  it('rejects bytes that are not an image with an error that says so', async () => {
    const [image] = await benignImages(128);
    for (const bad of [Buffer.from('definitely not a picture'), image.png.subarray(0, 100), Buffer.alloc(0)]) {
      const attempt = classifier.classify(bad);
      await expect(attempt).rejects.toThrow(NsfwInputError);
      await expect(attempt).rejects.toThrow(/NSFW check cannot decode the image/);
    }
  });

  it('also runs the graph-format MobileNetV2Mid model', async () => {
    const mid = await loadNsfwClassifier({ model: 'MobileNetV2Mid' });
    const [image] = await benignImages(128);
    const scores = await mid.classify(image.png);
    expectProbabilities(scores);
    expect(decide(scores)).toBe('allow');
    expect(networkAttempts).toEqual([]);
  });
});
