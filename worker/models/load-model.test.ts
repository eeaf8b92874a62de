import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels } from '../../server/models/list-models';
import { loadModel, type LoadedModel } from './load-model';

const modelsDir = path.dirname(fileURLToPath(import.meta.url));
const tinyDir = path.join(modelsDir, 'tiny-sd');

describe('loadModel on the shipped tiny-sd', () => {
  let model: LoadedModel;
  beforeAll(async () => {
    model = await loadModel(tinyDir, { executionProvider: 'cpu', intraOpThreads: 1 });
  });
  afterAll(async () => {
    await model?.release();
  });

  it('reads graph names and dtypes from the sessions', () => {
    expect(model.textEncoder).toMatchObject({ inputName: 'input_ids', inputType: 'int32', outputName: 'last_hidden_state' });
    expect(model.unet.timestep).toEqual({ name: 'timestep', type: 'int64', layout: 'batch' });
    expect(model.unet.outputName).toBe('out_sample');
    expect(model.vaeDecoder).toMatchObject({ inputName: 'latent_sample', outputName: 'sample' });
    expect(model.unetInChannels).toBe(4);
  });

  it('reads the scheduler, tokenizer, VAE and kumori.json settings', () => {
    expect(model.schedulerConfig).toMatchObject({ beta_schedule: 'scaled_linear', steps_offset: 1, prediction_type: 'epsilon' });
    expect(model.tokenizer.maxLength).toBe(77);
    expect(model.scalingFactor).toBe(0.18215);
    expect(model).toMatchObject({ id: 'tiny-sd', displayName: 'Tiny SD (random weights, for tests)', nativeWidth: 512, nativeHeight: 512 });
    expect(model.previewFactors.factors).toHaveLength(4);
  });

  it('has a VAE encoder that maps an image to latents at one eighth of its size', async () => {
    expect(model.vaeEncoder).not.toBeNull();
    const encoder = model.vaeEncoder!;
    const image = new Tensor('float32', new Float32Array(3 * 32 * 48).fill(0.2), [1, 3, 32, 48]);
    const out = await encoder.session.run({ [encoder.inputName]: image });
    expect(out[encoder.outputName].dims).toEqual([1, 4, 4, 6]);
  });
});

describe('listModels', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kumori-models-'));
    fs.mkdirSync(path.join(scratch, 'b-plain'));
    fs.writeFileSync(path.join(scratch, 'b-plain', 'model_index.json'), '{}');
    fs.mkdirSync(path.join(scratch, 'a-named'));
    fs.writeFileSync(path.join(scratch, 'a-named', 'model_index.json'), '{}');
    fs.writeFileSync(
      path.join(scratch, 'a-named', 'kumori.json'),
      JSON.stringify({ display_name: 'Named', native_width: 768, native_height: 512, test: true }),
    );
    fs.mkdirSync(path.join(scratch, 'not-a-model'));
    fs.writeFileSync(path.join(scratch, 'loose-file.ts'), '');
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('lists folders with model_index.json, with defaults where kumori.json is absent', async () => {
    expect(await listModels(scratch)).toEqual([
      { id: 'a-named', displayName: 'Named', nativeWidth: 768, nativeHeight: 512, isTest: true },
      { id: 'b-plain', displayName: 'b-plain', nativeWidth: 512, nativeHeight: 512, isTest: false },
    ]);
  });

  it('finds the shipped model in worker/models', async () => {
    expect((await listModels(modelsDir)).map((m) => m.id)).toContain('tiny-sd');
  });

  it('returns nothing for a missing folder', async () => {
    expect(await listModels(path.join(scratch, 'nope'))).toEqual([]);
  });
});
