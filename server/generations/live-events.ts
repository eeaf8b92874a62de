import type IORedis from 'ioredis';
import { redisKeys } from '../redis/keys';

/**
 * One generation's live events, for clients that do not hold a Socket.IO connection (SSE, the
 * OpenAI-compatible stream). They travel on a Redis channel per generation so that any web node
 * can follow any generation without joining the user's room, and carry no image URLs: a follower
 * reads the finished state from Postgres, which is the truth once `ended` arrives.
 */
export type LiveEvent =
  | { type: 'status'; status: 'queued' | 'running' }
  | { type: 'progress'; step: number; steps: number; preview: string | null }
  | { type: 'ended' };

/** The Socket.IO events that concern one generation, as a live event; null for all others. */
export function liveEventOf(event: string, payload: unknown): { id: string; live: LiveEvent } | null {
  if (!event.startsWith('generation:') || typeof payload !== 'object' || payload === null) return null;
  const p = payload as { id?: unknown; step?: unknown; steps?: unknown; preview?: unknown };
  if (typeof p.id !== 'string') return null;
  switch (event) {
    case 'generation:queued':
      return { id: p.id, live: { type: 'status', status: 'queued' } };
    case 'generation:started':
      return { id: p.id, live: { type: 'status', status: 'running' } };
    case 'generation:progress':
      return { id: p.id, live: { type: 'progress', step: Number(p.step), steps: Number(p.steps), preview: previewDataUrl(p.preview) } };
    case 'generation:done':
    case 'generation:failed':
    case 'generation:cancelled':
      return { id: p.id, live: { type: 'ended' } };
    default:
      return null;
  }
}

// Previews are WebP (worker/engine/encode-preview.ts); Socket.IO carries them as bytes.
function previewDataUrl(preview: unknown): string | null {
  if (!(preview instanceof Uint8Array) || preview.byteLength === 0) return null;
  return `data:image/webp;base64,${Buffer.from(preview.buffer, preview.byteOffset, preview.byteLength).toString('base64')}`;
}

/** Best effort, as the Socket.IO events are: a follower re-reads Postgres, so a lost message only delays it. */
export function publishLiveEvent(client: Pick<IORedis, 'publish'>, id: string, live: LiveEvent): void {
  client.publish(redisKeys.liveEvents(id), JSON.stringify(live)).catch((err: Error) => {
    console.error(`[live-events] not delivered: ${err.message}`);
  });
}

export function parseLiveEvent(message: string): LiveEvent | null {
  try {
    const parsed = JSON.parse(message) as LiveEvent;
    return typeof parsed?.type === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
