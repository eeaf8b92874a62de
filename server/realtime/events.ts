/** Socket.IO events, typed once for the server, the worker's emitter and the browser. */
/**
 * `pending`: the image awaits a moderator. Its owner sees only a blurred thumbnail (url and
 * thumbUrl both point at it) until it is approved.
 */
export type GeneratedImage = { id: string; url: string; thumbUrl: string; width: number; height: number; pending: boolean };

export interface ServerToClientEvents {
  'generation:queued': (e: { id: string; position: number | null }) => void;
  'generation:started': (e: { id: string; attempt: number }) => void;
  'generation:progress': (e: { id: string; step: number; steps: number; preview: ArrayBuffer | null }) => void;
  'generation:done': (e: { id: string; images: GeneratedImage[] }) => void;
  'generation:failed': (e: { id: string; error: string; refunded: boolean }) => void;
  'generation:cancelled': (e: { id: string; refunded: number }) => void;
  /** A moderator approved (the sharp image is back) or rejected (removed, a notice waits) one of the user's images. */
  'image:moderated': (e: { id: string; generationId: string; decision: 'approve' | 'reject' }) => void;
  /** A payment, subscription change, refund or dispute changed the user's credits or plan. */
  'billing:updated': (e: { balance: number; plan: 'free' | 'basic' | 'pro' }) => void;
}

export type ClientToServerEvents = Record<string, never>;

export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket of one signed-in browser session; ending the session disconnects the room. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
