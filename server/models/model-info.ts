import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { LatentRgbFactors, PreviewProjection } from '../../worker/engine/preview';

const rgb = z.tuple([z.number(), z.number(), z.number()]);

/** kumori.json: what Kumori knows about a model that diffusers' files do not say. All optional. */
const kumoriSchema = z.object({
  name: z.string().optional(),
  display_name: z.string().optional(),
  native_width: z.number().int().positive().optional(),
  native_height: z.number().int().positive().optional(),
  latent_rgb_factors: z.array(rgb).length(4).optional(),
  latent_rgb_bias: rgb.optional(),
  max_unet_batch: z.number().int().positive().optional(),
  /** A model for tests and development: offered to admins only. */
  test: z.boolean().optional(),
  /** What the model can draw, for its card in the generator. */
  description: z.string().optional(),
  /** Prompts that show it at its best; the generator offers them to click. */
  example_prompts: z.array(z.string()).max(12).optional(),
  /** How the generator names it in a sentence ("the demo model does not know: cat"). */
  short_name: z.string().optional(),
});

const unetConfigSchema = z.object({ sample_size: z.number().int().positive().optional() }).loose();
const vaeConfigSchema = z.object({ scaling_factor: z.number().positive().optional() }).loose();

export interface ModelInfo {
  /** The folder name; what requests and DEFAULT_MODEL refer to. */
  id: string;
  displayName: string;
  nativeWidth: number;
  nativeHeight: number;
  /** Latent-to-RGB map for step previews (kumori.json, else SD 1.5's). */
  previewFactors: PreviewProjection;
  scalingFactor: number;
  /** kumori.json's max_unet_batch: most rows per UNet call (n images, x2 with guidance); null: no limit. */
  maxUnetBatch: number | null;
  /** kumori.json's `test`: offered to admins only. */
  isTest: boolean;
  description: string | null;
  examplePrompts: string[];
  shortName: string | null;
}

// Widely used SD 1.5 preview factors: a fair guess for any SD-family latent space without its own.
const SD_LATENT_RGB: LatentRgbFactors = [
  [0.3512, 0.2297, 0.3227],
  [0.325, 0.4974, 0.235],
  [-0.2829, 0.1762, 0.2721],
  [-0.212, -0.2616, -0.7177],
];

export async function hasModelIndex(dir: string): Promise<boolean> {
  return fs.stat(path.join(dir, 'model_index.json')).then((s) => s.isFile(), () => false);
}

/** Reads the small JSON files of a model folder; loads no weights. */
export async function readModelInfo(dir: string): Promise<ModelInfo> {
  const id = path.basename(path.resolve(dir));
  const kumori = kumoriSchema.parse((await readJsonIfPresent(path.join(dir, 'kumori.json'))) ?? {});
  const unet = unetConfigSchema.parse((await readJsonIfPresent(path.join(dir, 'unet', 'config.json'))) ?? {});
  const vaeFile = (await readJsonIfPresent(path.join(dir, 'vae_decoder', 'config.json'))) ??
    (await readJsonIfPresent(path.join(dir, 'vae', 'config.json')));
  const vae = vaeConfigSchema.parse(vaeFile ?? {});
  // SD 1.x UNets are 64 latent pixels wide (512 px); SD 2.x-768 are 96.
  const nativeSide = (unet.sample_size ?? 64) * 8;
  return {
    id,
    displayName: kumori.display_name ?? kumori.name ?? id,
    nativeWidth: kumori.native_width ?? nativeSide,
    nativeHeight: kumori.native_height ?? nativeSide,
    previewFactors: {
      factors: kumori.latent_rgb_factors ?? SD_LATENT_RGB,
      bias: kumori.latent_rgb_bias ?? [0, 0, 0],
    },
    scalingFactor: vae.scaling_factor ?? 0.18215,
    maxUnetBatch: kumori.max_unet_batch ?? null,
    isTest: kumori.test ?? false,
    description: kumori.description ?? null,
    examplePrompts: kumori.example_prompts ?? [],
    shortName: kumori.short_name ?? null,
  };
}

/**
 * Python's json module writes Infinity, -Infinity and NaN (diffusers' DPM configs carry
 * "lambda_min_clipped": -Infinity), which JSON.parse refuses. Outside strings they become
 * numbers JSON.parse reads as +-Infinity, and null.
 */
export function parsePythonJson(text: string): unknown {
  const tokens = /"(?:[^"\\]|\\.)*"|(-?)Infinity\b|\bNaN\b/g;
  const patched = text.replace(tokens, (match, sign: string | undefined) => {
    if (match.startsWith('"')) return match;
    if (match === 'NaN') return 'null';
    return `${sign ?? ''}1e999`;
  });
  return JSON.parse(patched);
}

export async function readJson(file: string): Promise<unknown> {
  const text = await fs.readFile(file, 'utf8');
  try {
    return parsePythonJson(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readJsonIfPresent(file: string): Promise<unknown> {
  try {
    await fs.access(file);
  } catch {
    return undefined;
  }
  return readJson(file);
}
