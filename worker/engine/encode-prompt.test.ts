import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadModel, type LoadedModel } from '../models/load-model';
import type { UnetGraph } from './diffusion-model';
import { encodePrompts, takesLongContext } from './encode-prompt';
import { tokenIdsTensor } from './graph-inputs';
import { tokenize } from './tokenize';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../models');
let clip: LoadedModel; // dynamic text-sequence axis: chunks
let tiny: LoadedModel; // encoder_hidden_states pinned at 77: truncates
beforeAll(async () => {
  const options = { executionProvider: 'cpu' as const, intraOpThreads: 1 };
  [clip, tiny] = await Promise.all([
    loadModel(path.join(modelsDir, 'testing', 'tiny-sd-clip'), options),
    loadModel(path.join(modelsDir, 'tiny-sd'), options),
  ]);
});
afterAll(async () => {
  await Promise.all([clip?.release(), tiny?.release()]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The text encoder's own output for a prompt tokenized the plain way, one 77-token row. */
async function plainEncoding(model: LoadedModel, text: string): Promise<Float32Array> {
  const { session, inputName, inputType, outputName } = model.textEncoder;
  const out = await session.run({ [inputName]: tokenIdsTensor(inputType, tokenize(model.tokenizer, text).ids, 1) });
  return (out[outputName] as Tensor).data as Float32Array;
}

const row = (states: Tensor, text: number, from: number, to: number) => {
  const [, sequence, dim] = states.dims;
  return (states.data as Float32Array).slice((text * sequence + from) * dim, (text * sequence + to) * dim);
};
const mean = (values: Float32Array) => values.reduce((a, b) => a + b, 0) / values.length;

describe('encodePrompts with a UNet that takes long contexts', () => {
  it('splits a long prompt into 75-token chunks, says so, and pads the negative prompt to match', async () => {
    const calls = vi.spyOn(clip.textEncoder.session, 'run');
    const prompt = 'cat '.repeat(112);
    const encoded = await encodePrompts(clip, ['', prompt], { labels: ['Negative prompt', 'Prompt'] });
    expect(encoded.warnings).toEqual(['Prompt is 112 tokens; the model reads 75 per chunk, so it was split into 2 chunks.']);
    expect(encoded.chunkCount).toBe(2);
    expect(encoded.tokenCounts).toEqual([0, 112]);
    expect(encoded.truncated).toBe(false);
    expect(encoded.hiddenStates.dims).toEqual([2, 154, 32]);
    expect(calls).toHaveBeenCalledTimes(1);
    const empty = await plainEncoding(clip, '');
    expect(row(encoded.hiddenStates, 0, 0, 77)).toEqual(empty);
    expect(row(encoded.hiddenStates, 0, 77, 154)).toEqual(empty);
    expect(row(encoded.hiddenStates, 1, 77, 154)).toEqual(await plainEncoding(clip, 'cat '.repeat(37)));
  });

  it('encodes a short unweighted prompt exactly as plain tokenization does', async () => {
    const encoded = await encodePrompts(clip, ['a photo of a cat, sitting']);
    expect(encoded).toMatchObject({ chunkCount: 1, warnings: [], truncated: false });
    expect(encoded.hiddenStates.data).toEqual(await plainEncoding(clip, 'a photo of a cat, sitting'));
  });

  it('weights emphasised tokens and keeps the chunk mean', async () => {
    const plain = await encodePrompts(clip, ['a cat on a tree']);
    const weighted = await encodePrompts(clip, ['a (cat:1.5) on a [tree]']);
    const [p, w] = [plain.hiddenStates.data as Float32Array, weighted.hiddenStates.data as Float32Array];
    expect(mean(w)).toBeCloseTo(mean(p), 5);
    const scale = (token: number) => row(weighted.hiddenStates, 0, token, token + 1)[0] / row(plain.hiddenStates, 0, token, token + 1)[0];
    // Tokens: BOS a cat on a tree EOS; the chunk-wide rescale is what "a" (weight 1) got.
    expect(scale(2) / scale(1)).toBeCloseTo(1.5, 4);
    expect(scale(5) / scale(1)).toBeCloseTo(1 / 1.1, 4);
  });

  it('starts a new chunk at BREAK without a warning', async () => {
    const encoded = await encodePrompts(clip, ['a cat BREAK a dog']);
    expect(encoded).toMatchObject({ chunkCount: 2, warnings: [], tokenCounts: [4] });
    expect(row(encoded.hiddenStates, 0, 77, 154)).toEqual(await plainEncoding(clip, 'a dog'));
  });

  it('limits absurd weights and says so', async () => {
    const encoded = await encodePrompts(clip, ['(cat:123456789)']);
    expect(encoded.warnings).toEqual(['Prompt has weights beyond ±10000; they were limited to that.']);
    expect((encoded.hiddenStates.data as Float32Array).every(Number.isFinite)).toBe(true);
  });
});

describe('encodePrompts with a UNet pinned to 77 tokens', () => {
  it('truncates instead of chunking, and names where it cut', async () => {
    const prompt = `${'red '.repeat(74)}circle blue green`;
    const encoded = await encodePrompts(tiny, [prompt]);
    expect(encoded.warnings).toEqual([
      'Prompt is 77 tokens; this model reads at most 75, so it was truncated after "red red red circle" (2 tokens dropped).',
    ]);
    expect(encoded).toMatchObject({ truncated: true, chunkCount: 1, tokenCounts: [77] });
    expect(encoded.hiddenStates.dims).toEqual([1, 77, 64]);
    expect(encoded.hiddenStates.data).toEqual(await plainEncoding(tiny, prompt));
  });

  it('ignores BREAK, with a warning', async () => {
    const encoded = await encodePrompts(tiny, ['red BREAK blue']);
    expect(encoded.chunkCount).toBe(1);
    expect(encoded.warnings).toEqual(['Prompt uses BREAK, which has no effect with this model: it reads a single 75-token chunk.']);
    expect(encoded.hiddenStates.data).toEqual(await plainEncoding(tiny, 'red blue'));
  });
});

describe('takesLongContext', () => {
  const unet = (shape: (number | string)[] | null) =>
    ({
      contextName: 'encoder_hidden_states',
      session: { inputMetadata: shape ? [{ name: 'encoder_hidden_states', isTensor: true, type: 'float32', shape }] : [] },
    }) as unknown as UnetGraph & { session: InferenceSession };

  it('is true for a symbolic or -1 sequence axis and false for a fixed one or no metadata', () => {
    expect(takesLongContext(unet(['batch', 'sequence', 768]))).toBe(true);
    expect(takesLongContext(unet(['batch', -1, 768]))).toBe(true);
    expect(takesLongContext(unet(['batch', 77, 768]))).toBe(false);
    expect(takesLongContext(unet(null))).toBe(false);
  });
});
