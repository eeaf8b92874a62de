import { z } from 'zod';
import type { Tier } from '../../domain/plans';

/** One BullMQ queue per tier; workers choose which to take from (worker/dispatch/). */
export const tierQueueName = (tier: Tier) => `generations-${tier}`;

/**
 * The payload is a pointer: Postgres holds the request, so a job cannot disagree with its row.
 * `model` is a copy for routing only (workers prefer jobs for models they hold warm).
 */
export const generationJobSchema = z.object({
  generationId: z.uuid(),
  userId: z.uuid(),
  model: z.string().optional(),
});
export type GenerationJob = z.infer<typeof generationJobSchema>;
