import 'server-only';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Executor } from '../db/client';
import { validateUploadedImage } from '../uploads/validate-image';
import { extractWatermark, type Size } from './watermark';
import { findByWatermark, findGeneration, watermarkedSizes, type ClaimedGeneration, type ProvenanceMatch } from './lookup-watermark';
import { readEmbeddedMetadata, type EmbeddedMetadata } from './read-metadata';
import { ok, type Result } from '../../domain/result';

export type WatermarkFinding = {
  found: boolean;
  /** The 64-bit id as a decimal string, as `images.watermark_id` stores it. */
  payload: string | null;
  bitErrors: number | null;
  slots: number | null;
  confidence: number;
  /** This copy's size relative to the marked original (0.5: halved). */
  scale: number | null;
};

/**
 * How the file's own metadata squares with its pixels. Only the watermark is evidence: metadata is
 * text anyone can strip, copy or write.
 */
export type Agreement =
  | 'consistent' // both name the same generation
  | 'metadata-missing' // watermarked, no metadata (re-encoding strips it)
  | 'metadata-conflict' // the metadata names another generation
  | 'metadata-unverified' // metadata names a generation, the pixels carry no known watermark
  | 'none'; // neither

export type ImageCheckReport = {
  file: { format: string; width: number; height: number; bytes: number; sha256: string };
  watermark: WatermarkFinding;
  match: ProvenanceMatch | null;
  metadata: EmbeddedMetadata | null;
  /** The generation the metadata names, as stored here (null when it names none or one we lack). */
  claimed: ClaimedGeneration | null;
  agreement: Agreement;
};

// Sizes people generate at even before any image exists at them (a fresh install, a copy from elsewhere).
const COMMON_SIZES: Size[] = [
  [512, 512], [768, 768], [1024, 1024], [768, 512], [512, 768], [1024, 768], [768, 1024], [640, 640], [1024, 576], [576, 1024], [256, 256], [128, 128],
].map(([width, height]) => ({ width, height }));

export function compareProvenance(match: ProvenanceMatch | null, claimedId: string | null): Agreement {
  if (match) return !claimedId ? 'metadata-missing' : claimedId === match.generationId ? 'consistent' : 'metadata-conflict';
  return claimedId ? 'metadata-unverified' : 'none';
}

/**
 * Reads an uploaded image's provenance: the invisible watermark (trying the sizes images are made
 * at, so a resized copy still reads), the image, generation and user it leads to, and the PNG
 * metadata. The file passes the same checks as any upload before a pixel is decoded.
 */
export async function checkImage(ex: Executor, bytes: Buffer): Promise<Result<{ report: ImageCheckReport }>> {
  const valid = await validateUploadedImage(bytes);
  if (!valid.ok) return valid;
  const { data, info } = await sharp(valid.image.png).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const sizes = [...(await watermarkedSizes(ex)), ...COMMON_SIZES];
  const reading = extractWatermark(new Uint8Array(data.buffer, data.byteOffset, data.length), info.width, info.height, 3, { originalSizes: sizes });
  const watermark: WatermarkFinding = reading.found
    ? { found: true, payload: reading.payload.toString(), bitErrors: reading.bitErrors, slots: reading.slots, confidence: reading.confidence, scale: reading.scale }
    : { found: false, payload: null, bitErrors: null, slots: null, confidence: reading.confidence, scale: null };
  const metadata = readEmbeddedMetadata(bytes);
  const [match, claimed] = await Promise.all([
    reading.found ? findByWatermark(ex, reading.payload) : null,
    metadata?.generationId ? findGeneration(ex, metadata.generationId) : null,
  ]);
  return ok({
    report: {
      file: { format: valid.image.format, width: info.width, height: info.height, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
      watermark,
      match,
      metadata,
      claimed,
      agreement: compareProvenance(match, metadata?.generationId ?? null),
    },
  });
}
