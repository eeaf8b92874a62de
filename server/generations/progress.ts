import type IORedis from 'ioredis';
import { redisKeys } from '../redis/keys';

// Live progress is ephemeral and written every step, so it lives in Redis, not Postgres.
const key = redisKeys.progress;
const TTL_SECONDS = 3600;

export type Progress = { step: number; steps: number; preview: Buffer | null };

export async function saveProgress(client: IORedis, id: string, p: Progress): Promise<void> {
  const fields: Record<string, string | Buffer> = { step: String(p.step), steps: String(p.steps) };
  if (p.preview) fields.preview = p.preview;
  await client.multi().hset(key(id), fields).expire(key(id), TTL_SECONDS).exec();
}

export async function readProgress(client: IORedis, id: string): Promise<Progress | null> {
  const [step, steps, preview] = await client.hmgetBuffer(key(id), 'step', 'steps', 'preview');
  if (!step || !steps) return null;
  return { step: Number(step.toString()), steps: Number(steps.toString()), preview: preview ?? null };
}

export async function clearProgress(client: IORedis, id: string): Promise<void> {
  await client.del(key(id));
}
