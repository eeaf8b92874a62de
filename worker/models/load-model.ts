import fs from 'node:fs/promises';
import path from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import type { DiffusionModel } from '../engine/diffusion-model';
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
    return {
      ...info,
      dir: root,
      tokenizer,
      schedulerConfig,
      textEncoder: describeTextEncoder(text.session, text.file),
      unet: describeUnet(unet.session, unet.file),
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
