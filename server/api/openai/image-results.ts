import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import sharp from 'sharp';
import { db } from '../../db/client';
import { images } from '../../db/schema';
import { env } from '../../env';
import { generationPrefix, storageFromEnv } from '../../storage';
import { IMAGE_URL_TTL_SECONDS } from '../v1/generations';

export type OutputFormat = 'png' | 'jpeg' | 'webp';
export type ResultOptions = { responseFormat: 'b64_json' | 'url'; outputFormat: OutputFormat; compression?: number; origin: string };
export type ImageRow = typeof images.$inferSelect;

const MIME: Record<OutputFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/** The generation's images in their order, as its owner may see them (rejected ones left out). */
export async function imagesOf(generationId: string): Promise<ImageRow[]> {
  return db()
    .select()
    .from(images)
    .where(and(eq(images.generationId, generationId), ne(images.moderation, 'rejected')))
    .orderBy(asc(images.index));
}

/**
 * Stored images are PNG with their provenance chunks; png is served as stored, jpeg and webp are
 * converted (the pixels keep the watermark, the text chunks do not survive either format).
 */
export async function convertImage(bytes: Buffer, format: OutputFormat, compression = 100): Promise<Buffer> {
  if (format === 'png') return bytes;
  const quality = Math.max(1, compression);
  return format === 'jpeg' ? sharp(bytes).jpeg({ quality }).toBuffer() : sharp(bytes).webp({ quality }).toBuffer();
}

/** One image as `data[]` holds it: its bytes in base64, or a signed link valid IMAGE_URL_TTL_SECONDS. */
export async function imageResult(row: ImageRow, userId: string, o: ResultOptions): Promise<{ b64_json?: string; url?: string }> {
  const storage = storageFromEnv();
  // As on the page and in /api/v1: until a moderator approves it, only the blurred thumbnail.
  const key = row.moderation === 'review' ? row.thumbKey : row.key;
  const stored = await storage.get(key);
  if (!stored) throw new Error(`image ${row.id} is missing from storage (${key})`);
  const isStoredFormat = o.outputFormat === 'png' && key === row.key;
  const bytes = isStoredFormat ? stored : await convertImage(stored, o.outputFormat, o.compression);
  if (o.responseFormat === 'b64_json') return { b64_json: bytes.toString('base64') };
  let served = key;
  if (!isStoredFormat) {
    // A converted copy lives beside the originals, so deleting the generation's files deletes it too.
    served = `${generationPrefix(userId, row.generationId)}openai/${row.index}-${row.moderation}.${o.outputFormat}`;
    await storage.put(served, bytes, MIME[o.outputFormat]);
  }
  const url = await storage.url(served, { expiresInSeconds: IMAGE_URL_TTL_SECONDS });
  return { url: new URL(url, env().PUBLIC_URL ?? o.origin).toString() };
}
