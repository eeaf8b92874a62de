import type IORedis from 'ioredis';
import { redisKeys } from '../redis/keys';

// Where a running generation's checkpoint lives, beside its progress and cancel signal. The byte
// format belongs to the worker (worker/checkpoint-store.ts); web only ever deletes.

// Checkpoints outlive a crashed worker (the job waits for the stall check, or for a retry's
// backoff), but not an abandoned job: a day is far more than any retry schedule.
const TTL_SECONDS = 24 * 3600;

/** Replaces the generation's checkpoint; the last one written is the one a retry resumes from. */
export async function writeCheckpointBytes(client: IORedis, generationId: string, bytes: Buffer): Promise<void> {
  await client.set(redisKeys.checkpoint(generationId), bytes, 'EX', TTL_SECONDS);
}

export async function readCheckpointBytes(client: IORedis, generationId: string): Promise<Buffer | null> {
  return client.getBuffer(redisKeys.checkpoint(generationId));
}

export async function deleteCheckpoint(client: IORedis, generationId: string): Promise<void> {
  await client.del(redisKeys.checkpoint(generationId));
}
