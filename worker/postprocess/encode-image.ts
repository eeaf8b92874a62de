import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { GenerationParams } from '../../server/db/schema';
import { addPngText } from './png-text';
import { SAMPLER_LABELS, type Sampler } from '../../server/generations/params';

export const THUMB_SIZE = 256;

/** A1111's "parameters" layout, which other tools parse. */
export function parametersText(p: GenerationParams): string {
  const lines = [p.prompt];
  if (p.negativePrompt) lines.push(`Negative prompt: ${p.negativePrompt}`);
  lines.push(
    `Steps: ${p.steps}, Sampler: ${SAMPLER_LABELS[p.sampler as Sampler] ?? p.sampler}, CFG scale: ${p.guidance}, Seed: ${p.seed}, Size: ${p.width}x${p.height}, Model: ${p.model}`,
  );
  return lines.join('\n');
}

export async function encodeImage(
  rgb: Uint8Array,
  size: { width: number; height: number },
  params: GenerationParams,
  meta: { generationId: string; appVersion: string },
) {
  const raw = { raw: { width: size.width, height: size.height, channels: 3 as const } };
  const basePng = await sharp(rgb, raw).png({ compressionLevel: 6 }).toBuffer();
  const png = addPngText(basePng, {
    parameters: parametersText(params),
    kumori: JSON.stringify({ ...params, generationId: meta.generationId, version: meta.appVersion }),
  });
  const thumb = await sharp(rgb, raw)
    .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', kernel: 'lanczos3' })
    .webp({ quality: 82 })
    .toBuffer();
  return { png, thumb, sha256: createHash('sha256').update(png).digest('hex') };
}
