import { env } from '../env';

/**
 * Every Redis key and channel Kumori uses, in one place, so two features never collide and
 * REDIS_PREFIX covers them all. Builders that workers call with their configured prefix take it
 * as an argument; the rest read it from env.
 */
const prefix = () => env().REDIS_PREFIX;

export const redisKeys = {
  /** Live progress hash of a generation (step, steps, preview). */
  progress: (generationId: string) => `${prefix()}:progress:${generationId}`,
  /** A cancel request kept for a worker that starts the job later. */
  cancel: (generationId: string) => `${prefix()}:cancel:${generationId}`,
  /** Channel on which one generation's live events (progress with preview, status, end) reach SSE and /v1 streams. */
  liveEvents: (generationId: string) => `${prefix()}:live:${generationId}`,
  /** An OpenAI-compatible images request a retrying SDK may repeat: (key or user, body hash) → generation id. */
  openAiRetry: (caller: string, bodyHash: string) => `${prefix()}:oai-retry:${caller}:${bodyHash}`,
  /** Channel on which cancel requests are published to running workers. */
  cancelChannel: () => `${prefix()}:cancel`,
  /** The latest latents checkpoint of a generation. */
  checkpoint: (generationId: string) => `${prefix()}:checkpoint:${generationId}`,
  /** A fixed-window rate-limit counter (server/rate-limit/counter.ts), e.g. ('signup', address). */
  rateLimit: (scope: string, subject: string) => `${prefix()}:rl:${scope}:${subject}`,
  /** Channel prefix the Socket.IO adapter (web) and emitter (workers) share. */
  socketChannel: () => `${prefix()}:socket.io`,
  /** Relax jobs waiting, by enqueue time. */
  relaxWaiting: (p: string = prefix()) => `${p}:relax-waiting`,
  /** The stride scheduler's state (a pass per tier). */
  tierStrides: (p: string = prefix()) => `${p}:tier-strides`,
  /** Set once when a worker hands a job back for a warm worker. */
  handoff: (jobId: string, p: string = prefix()) => `${p}:handoff:${jobId}`,
};
