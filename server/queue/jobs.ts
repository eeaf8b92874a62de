import { z } from 'zod';

export const GENERATION_QUEUE = 'generations';

/** The payload is only a pointer: Postgres holds the request, so a job cannot disagree with its row. */
export const generationJobSchema = z.object({
  generationId: z.uuid(),
  userId: z.uuid(),
});
export type GenerationJob = z.infer<typeof generationJobSchema>;
