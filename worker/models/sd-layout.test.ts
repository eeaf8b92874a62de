import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generate, type GenerationRequest } from '../engine/pipeline';
import { listModels } from '../../server/models/list-models';
import { loadModel, type LoadedModel } from './load-model';

const modelsDir = path.dirname(fileURLToPath(import.meta.url));
const modelDir = path.join(modelsDir, 'testing', 'tiny-sd-clip');
const base: GenerationRequest = {
  prompt: 'a photo of a (cat:1.2) sitting on a [blue] chair',
  negativePrompt: 'blurry',
  width: 64,
  height: 64,
  steps: 3,
  guidance: 7.5,
  seed: 7,
  sampler: 'ddim',
};

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(modelDir, { executionProvider: 'cpu', intraOpThreads: 1 });
});
afterAll(async () => {
  await model?.release();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Records what every UNet call was fed, passing the call through. */
function recordUnetFeeds(): InferenceSession.FeedsType[] {
  const feeds: InferenceSession.FeedsType[] = [];
  const { session } = model.unet;
  const run = session.run.bind(session);
  vi.spyOn(session, 'run').mockImplementation(((input: InferenceSession.FeedsType) => {
    feeds.push(input);
    return run(input);
  }) as InferenceSession['run']);
  return feeds;
}

describe('a model in the full SD 1.5 ONNX layout (testing/tiny-sd-clip)', () => {
  it('builds the CLIP tokenizer from vocab.json + merges.txt', () => {
    expect(model.tokenizer.source).toBe('vocab.json+merges.txt');
    expect(model.tokenizer.tokenizer.tokenize('A photo of a cat!')).toEqual(['a</w>', 'photo</w>', 'of</w>', 'a</w>', 'cat</w>', '!</w>']);
    const { tokenizer } = model.tokenizer;
    const [start, end] = [tokenizer.token_to_id('<|startoftext|>'), tokenizer.token_to_id('<|endoftext|>')];
    // CLIP's layout: the special tokens come last, and SD 1.x pads with the end token.
    expect([model.tokenizer.bosId, model.tokenizer.eosId, model.tokenizer.padId]).toEqual([start, end, end]);
    expect(end).toBe(tokenizer.get_vocab().size - 1);
  });

  it('reads optimum-style graphs: int32 ids, last_hidden_state beside pooler_output, float32 timestep', () => {
    expect(model.textEncoder).toMatchObject({ inputName: 'input_ids', inputType: 'int32', outputName: 'last_hidden_state' });
    expect(model.textEncoder.session.outputNames).toEqual(['last_hidden_state', 'pooler_output']);
    expect(model.unet.timestep).toEqual({ name: 'timestep', type: 'float32', layout: 'batch' });
    expect(model.vaeEncoder).not.toBeNull();
  });

  it('applies defaults where there is no kumori.json', () => {
    expect(model).toMatchObject({ id: 'tiny-sd-clip', displayName: 'tiny-sd-clip', nativeWidth: 64, nativeHeight: 64, scalingFactor: 0.18215 });
    expect(model.schedulerConfig).toMatchObject({ _class_name: 'PNDMScheduler', steps_offset: 1, beta_schedule: 'scaled_linear' });
  });

  it('generates a 64x64 image with guidance, feeding float32 timesteps, reproducibly', async () => {
    const feeds = recordUnetFeeds();
    const first = await generate(model, base);
    expect([first.width, first.height, first.channels, first.rgb.length]).toEqual([64, 64, 3, 64 * 64 * 3]);
    expect(new Set(first.rgb).size).toBeGreaterThan(10);
    expect(feeds).toHaveLength(3);
    for (const feed of feeds) {
      const timestep = feed[model.unet.timestep.name] as Tensor;
      expect([timestep.type, timestep.dims]).toEqual(['float32', [2]]);
      expect((feed[model.unet.contextName] as Tensor).dims).toEqual([2, 77, 32]);
    }
    const [t0, t1] = (feeds[0][model.unet.timestep.name] as Tensor).data as Float32Array;
    expect(t0).toBe(t1);
    expect(t0).toBeGreaterThan(500); // the first of 3 steps is late in the 1000-step schedule
    const second = await generate(model, base);
    expect(Buffer.from(second.rgb).equals(Buffer.from(first.rgb))).toBe(true);
  });

  it('generates without guidance at guidance 1, and the prompt and seed change the image', async () => {
    const feeds = recordUnetFeeds();
    const unguided = await generate(model, { ...base, guidance: 1 });
    expect(unguided.rgb).toHaveLength(64 * 64 * 3);
    expect(feeds.map((f) => (f[model.unet.sampleName] as Tensor).dims[0])).toEqual([1, 1, 1]);
    const reference = await generate(model, base);
    const otherPrompt = await generate(model, { ...base, prompt: 'a portrait of a dog' });
    const otherSeed = await generate(model, { ...base, seed: 8 });
    expect(Buffer.from(otherPrompt.rgb).equals(Buffer.from(reference.rgb))).toBe(false);
    expect(Buffer.from(otherSeed.rgb).equals(Buffer.from(reference.rgb))).toBe(false);
  });

  it('chunks a prompt longer than 75 tokens instead of truncating it', async () => {
    const feeds = recordUnetFeeds();
    const result = await generate(model, { ...base, prompt: 'a red cat, '.repeat(30) });
    expect(result.promptTruncated).toBe(false);
    expect((feeds[0][model.unet.contextName] as Tensor).dims).toEqual([2, 154, 32]);
  });
});

describe('where the test model lives', () => {
  it('is not listed as a user model, since testing/ itself has no model_index.json', async () => {
    const ids = (await listModels(modelsDir)).map((m) => m.id);
    expect(ids).toContain('tiny-sd');
    expect(ids).not.toContain('testing');
    expect(ids).not.toContain('tiny-sd-clip');
  });
});
