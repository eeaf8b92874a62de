import fs from 'node:fs/promises';
import path from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import type { DiffusionModel, UnetInChannels } from '../engine/diffusion-model';
import { parseSchedulerConfig } from '../engine/schedulers/scheduler-config';
import { createPromptTokenizerFromFiles, type TokenizerConfigFile, type TokenizerFiles } from '../engine/tokenize';
import { describeTextEncoder, describeUnet, describeVae } from './graph-signatures';
import { readJson, readModelInfo, type ModelInfo } from '../../server/models/model-info';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface LoadModelOptions {
  executionProvider: ExecutionProvider;
  /** Threads per ONNX Runtime session; 0 or absent lets ONNX Runtime choose (all cores). */
  intraOpThreads?: number;
  graphOptimizationLevel?: InferenceSession.SessionOptions['graphOptimizationLevel'];
}

export type LoadedModel = DiffusionModel &
  ModelInfo & {
    readonly dir: string;
    /** Frees the native sessions; the model must not be used afterwards. */
    release(): Promise<void>;
  };

/** Loads a model folder in the diffusers/optimum ONNX layout (see ARCHITECTURE.md). */
export async function loadModel(dir: string, options: LoadModelOptions): Promise<LoadedModel> {
  const root = path.resolve(dir);
  const index = await readJson(path.join(root, 'model_index.json'));
  if (typeof index !== 'object' || index === null) throw new Error(`${root}/model_index.json is not an object`);
  const [info, schedulerRaw, tokenizerFiles] = await Promise.all([
    readModelInfo(root),
    readJson(path.join(root, 'scheduler', 'scheduler_config.json')),
    readTokenizerFiles(path.join(root, 'tokenizer')),
  ]);
  const tokenizer = createPromptTokenizerFromFiles(tokenizerFiles);
  const schedulerConfig = parseSchedulerConfig(schedulerRaw);

  const sessionOptions: InferenceSession.SessionOptions = {
    // With CUDA, nodes it lacks kernels for still run on the CPU.
    executionProviders: options.executionProvider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    ...(options.intraOpThreads ? { intraOpNumThreads: options.intraOpThreads } : {}),
  };
  const opened: InferenceSession[] = [];
  const open = async (part: string) => {
    const file = path.join(root, part, 'model.onnx');
    const session = await InferenceSession.create(file, sessionOptions).catch((error: Error) => {
      if (options.executionProvider !== 'cuda') throw error;
      // The usual cause: onnxruntime-node was installed without its CUDA libraries.
      throw new Error(`${file}: could not start the CUDA execution provider (${error.message}). ` +
        'Install onnxruntime-node with CUDA support and a matching CUDA/cuDNN, or set EXECUTION_PROVIDER=cpu.');
    });
    opened.push(session);
    return { session, file };
  };
  try {
    const hasEncoder = await fs.stat(path.join(root, 'vae_encoder', 'model.onnx')).then(() => true, () => false);
    const [text, unet, decoder, encoder] = await Promise.all([
      open('text_encoder'),
      open('unet'),
      open('vae_decoder'),
      hasEncoder ? open('vae_encoder') : null,
    ]);
    const unetGraph = describeUnet(unet.session, unet.file);
    return {
      ...info,
      dir: root,
      tokenizer,
      schedulerConfig,
      textEncoder: describeTextEncoder(text.session, text.file),
      unet: unetGraph,
      unetInChannels: unetInChannelsOf(unet.session, unetGraph.sampleName, unet.file),
      vaeDecoder: describeVae(decoder.session, decoder.file, 'latent_sample', 'sample'),
      vaeEncoder: encoder ? describeVae(encoder.session, encoder.file, 'sample', 'latent_sample') : null,
      release: async () => {
        await Promise.all(opened.map((s) => s.release()));
      },
    };
  } catch (error) {
    await Promise.allSettled(opened.map((s) => s.release()));
    throw error;
  }
}

/**
 * 4, or 9 for an inpainting export (noisy latents, mask, masked-image latents), read from the
 * sample input's channel axis; a graph that leaves it dynamic is taken as an ordinary 4-channel one.
 */
export function unetInChannelsOf(session: InferenceSession, sampleName: string, file: string): UnetInChannels {
  const meta = session.inputMetadata?.find((m) => m.name === sampleName);
  const channels = meta?.isTensor ? meta.shape[1] : undefined;
  if (typeof channels !== 'number' || channels <= 0 || channels === 4) return 4;
  if (channels === 9) return 9;
  throw new Error(`${file}: the UNet takes ${channels} input channels; only 4 (plain) and 9 (inpainting) are supported`);
}

/** tokenizer.json when there is one; else CLIP's vocab.json + merges.txt, as many SD exports ship. */
async function readTokenizerFiles(dir: string): Promise<TokenizerFiles> {
  const optional = async (file: string, read: (file: string) => Promise<unknown>) =>
    fs.access(path.join(dir, file)).then(() => read(path.join(dir, file)), () => undefined);
  const readText = (file: string) => fs.readFile(file, 'utf8');
  const [config, specialTokensMap, tokenizerJson] = await Promise.all([
    readJson(path.join(dir, 'tokenizer_config.json')),
    optional('special_tokens_map.json', readJson),
    optional('tokenizer.json', readJson),
  ]);
  const files: TokenizerFiles = {
    config: config as TokenizerConfigFile,
    specialTokensMap: specialTokensMap as TokenizerConfigFile | undefined,
  };
  if (tokenizerJson) return { ...files, tokenizerJson: tokenizerJson as object };
  const [vocab, merges] = await Promise.all([optional('vocab.json', readJson), optional('merges.txt', readText)]);
  return { ...files, vocab: vocab as Record<string, number> | undefined, merges: merges as string | undefined };
}
