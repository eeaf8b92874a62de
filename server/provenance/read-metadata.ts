import { z } from 'zod';
import { readPngText } from './png-text';

export type EmbeddedMetadata = {
  /** The A1111-style "parameters" text, as other tools show it. */
  parameters: string | null;
  /** Kumori's own JSON (generation parameters, generationId, version); null when absent or unreadable. */
  kumori: Record<string, unknown> | null;
  /** The generation the metadata names, when it names one in the form Kumori writes. */
  generationId: string | null;
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const kumoriSchema = z.record(z.string(), z.unknown());

// The writer escapes what Latin-1 tEXt cannot hold as \uXXXX; JSON.parse undoes that inside
// strings, the parameters text needs it done by hand.
const unescape = (s: string) => s.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * The generation metadata a PNG carries in its tEXt chunks, or null when it carries none (any
 * JPEG or WebP, and a PNG that was re-saved). It is whatever the file says: anyone can write it.
 */
export function readEmbeddedMetadata(bytes: Buffer): EmbeddedMetadata | null {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let chunks: Record<string, string>;
  try {
    chunks = readPngText(bytes);
  } catch {
    return null;
  }
  if (chunks.parameters === undefined && chunks.kumori === undefined) return null;
  let kumori: Record<string, unknown> | null = null;
  try {
    const parsed = kumoriSchema.safeParse(JSON.parse(chunks.kumori ?? 'null'));
    kumori = parsed.success ? parsed.data : null;
  } catch {
    kumori = null;
  }
  const claimed = z.uuid().safeParse(kumori?.generationId);
  return {
    parameters: chunks.parameters === undefined ? null : unescape(chunks.parameters),
    kumori,
    generationId: claimed.success ? claimed.data : null,
  };
}
