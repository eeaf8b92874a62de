import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { NSFWJS } from 'nsfwjs/core';
import sharp from 'sharp';
import { startTfBackend, type TfBackend } from './tf-backend';
import { nodeRequire } from './node-require';

export type NsfwModelName = 'MobileNetV2' | 'MobileNetV2Mid' | 'InceptionV3';

/** The model's softmax output: five probabilities that sum to 1. */
export type NsfwScores = { drawing: number; hentai: number; neutral: number; porn: number; sexy: number };

export type NsfwClassifier = {
  model: NsfwModelName;
  backend: TfBackend;
  inputSize: number;
  /** PNG, JPEG or WebP bytes, or raw 8-bit RGB; throws NsfwInputError when they cannot be decoded. */
  classify(image: Buffer | RawRgb): Promise<NsfwScores>;
};

export type RawRgb = { rgb: Uint8Array; width: number; height: number };

export class NsfwInputError extends Error {
  override name = 'NsfwInputError';
}

const MODELS = {
  MobileNetV2: { dir: 'mobilenet_v2', size: 224, type: 'layers' },
  MobileNetV2Mid: { dir: 'mobilenet_v2_mid', size: 224, type: 'graph' },
  InceptionV3: { dir: 'inception_v3', size: 299, type: 'layers' },
} as const;

const requireFromHere = nodeRequire(import.meta.url);
const loaded = new Map<string, Promise<NsfwClassifier>>();

/** Loads a model bundled in the nsfwjs package once per process; later calls share it. */
export function loadNsfwClassifier(opts: { model?: NsfwModelName; backend?: TfBackend } = {}): Promise<NsfwClassifier> {
  const model = opts.model ?? 'MobileNetV2';
  const backend = opts.backend ?? 'wasm';
  const key = `${model}/${backend}`;
  let classifier = loaded.get(key);
  if (!classifier) {
    classifier = load(model, backend);
    classifier.catch(() => loaded.delete(key));
    loaded.set(key, classifier);
  }
  return classifier;
}

async function load(model: NsfwModelName, backend: TfBackend): Promise<NsfwClassifier> {
  await startTfBackend(backend);
  const { dir, size, type } = MODELS[model];
  const net = new NSFWJS(tf.io.fromMemory(readBundledModel(dir)), { size, type });
  await net.load(); // also runs one warm-up prediction
  return {
    model,
    backend,
    inputSize: size,
    async classify(image) {
      const pixels = await toModelInput(image, size);
      // infer() divides by 255 itself; tidy frees the input, its intermediates and the output.
      const p = tf.tidy(() => net.infer(tf.tensor3d(pixels, [size, size, 3], 'int32')).dataSync());
      // Output order of every nsfwjs model (its NSFW_CLASSES, which the package does not export).
      return { drawing: p[0], hentai: p[1], neutral: p[2], porn: p[3], sexy: p[4] };
    },
  };
}

/**
 * nsfwjs ships each model as CommonJS modules: model.min.js exports the model JSON and each
 * group1-shardNofM.min.js a base64 string of weights. They are required directly instead of through
 * nsfwjs's own loaders because its CommonJS build (what tsx picks) passes each string through
 * __importStar, which defines one property per character: about 4 s per 3.5 MB shard. This also
 * skips nsfwjs's console banner and its lookup of a `globalThis.model` that would override ours.
 */
function readBundledModel(dir: string): tf.io.ModelArtifacts {
  const modelDir = path.join(path.dirname(requireFromHere.resolve('nsfwjs')), '..', 'models', dir);
  const json = requireOnce(path.join(modelDir, 'model.min.js')) as tf.io.ModelJSON;
  const shards = json.weightsManifest
    .flatMap((group) => group.paths)
    .map((shard) => Buffer.from(requireOnce(path.join(modelDir, `${shard}.min.js`)) as string, 'base64'));
  const weights = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}

/** The base64 text is only needed until the weights are decoded; keep it out of the require cache. */
function requireOnce(file: string): unknown {
  const exported: unknown = requireFromHere(file);
  delete requireFromHere.cache[requireFromHere.resolve(file)];
  return exported;
}

/** RGB bytes at the model's square input size; the whole frame is squashed, as nsfwjs does. */
async function toModelInput(image: Buffer | RawRgb, size: number): Promise<Buffer> {
  try {
    const input = Buffer.isBuffer(image) ? sharp(image) : sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } });
    const { data, info } = await input
      .autoOrient()
      .flatten({ background: '#ffffff' }) // transparent areas as a viewer sees them on a light page
      .toColourspace('srgb')
      .resize(size, size, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
    return data;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NsfwInputError(`NSFW check cannot decode the image: ${reason}`, { cause: error });
  }
}
