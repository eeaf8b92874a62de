import 'server-only';
import { storageFromEnv } from '../storage';
import type { GeneratedImage } from '../realtime/events';

type ImageRow = { id: string; key: string; thumbKey: string; width: number; height: number; moderation: string };

export async function toGeneratedImage(row: ImageRow): Promise<GeneratedImage> {
  const storage = storageFromEnv();
  const pending = row.moderation === 'review';
  // The blurred thumbnail stands in for the full image until a moderator approves it.
  const [url, thumbUrl] = await Promise.all([storage.url(pending ? row.thumbKey : row.key), storage.url(row.thumbKey)]);
  return { id: row.id, url, thumbUrl, width: row.width, height: row.height, pending };
}

export function downloadUrl(row: { key: string; generationId: string; index: number }): Promise<string> {
  return storageFromEnv().url(row.key, { downloadName: `kumori-${row.generationId.slice(0, 8)}-${row.index}.png` });
}
