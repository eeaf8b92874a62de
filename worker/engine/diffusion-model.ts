import type { InferenceSession } from 'onnxruntime-node';
import type { SchedulerConfig } from './schedulers/scheduler-config';
import type { PromptTokenizer } from './tokenize';

/**
 * What the pipeline needs from a loaded model: sessions plus the input/output names and dtypes
 * read from each graph. Exports from diffusers, optimum and others disagree on some of these
 * (timestep float32 vs int64, int32 vs int64 ids), so nothing here is assumed.
 */
export interface DiffusionModel {
  readonly tokenizer: PromptTokenizer;
  readonly textEncoder: TextEncoderGraph;
  readonly unet: UnetGraph;
  readonly vaeDecoder: VaeGraph;
  readonly vaeEncoder: VaeGraph | null;
  readonly schedulerConfig: SchedulerConfig;
  /** Latents are divided by this before decoding (0.18215 for SD 1.x/2.x). */
  readonly scalingFactor: number;
  /**
   * Most batch rows one UNet call may take (kumori.json's max_unet_batch): larger batches run in
   * chunks of this. Unset: one call per step, n x 2 rows with guidance. Memory is the reason to set it.
   */
  readonly maxUnetBatch?: number | null;
  /**
   * Channels of the UNet's sample input: 4 for ordinary models, 9 for inpainting exports, which
   * also take the mask (1) and the masked image's latents (4) after the noisy latents.
   */
  readonly unetInChannels: UnetInChannels;
  /**
   * The size the model was trained at (ModelInfo's). Above it the VAE encodes and decodes in
   * overlapping tiles of this size, so memory stays bounded; absent, it never tiles.
   */
  readonly nativeWidth?: number;
  readonly nativeHeight?: number;
}

export type UnetInChannels = 4 | 9;

export type IntegerType = 'int32' | 'int64';

export interface TextEncoderGraph {
  readonly session: InferenceSession;
  readonly inputName: string;
  readonly inputType: IntegerType;
  readonly outputName: string;
}

/** How a graph wants its timestep: its dtype and whether it is a scalar, [1] or one per batch item. */
export interface TimestepInput {
  readonly name: string;
  readonly type: 'float32' | IntegerType;
  readonly layout: 'scalar' | 'single' | 'batch';
}

export interface UnetGraph {
  readonly session: InferenceSession;
  readonly sampleName: string;
  readonly timestep: TimestepInput;
  readonly contextName: string;
  readonly outputName: string;
}

export interface VaeGraph {
  readonly session: InferenceSession;
  readonly inputName: string;
  readonly outputName: string;
}
