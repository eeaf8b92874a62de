import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { GenerationParams } from '../../server/db/schema';
import { addPngText } from '../../server/provenance/png-text';
import { SAMPLER_LABELS, type Sampler } from '../../domain/generation-params';


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
  const basePng = await sharp(rgb, { raw: { width: size.width, height: size.height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
  const png = addPngText(basePng, {
    parameters: parametersText(params),
    kumori: JSON.stringify({ ...params, generationId: meta.generationId, version: meta.appVersion }),
  });
  return { png, sha256: createHash('sha256').update(png).digest('hex') };
}
