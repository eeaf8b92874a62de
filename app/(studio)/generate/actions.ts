'use server';
import { z } from 'zod';
import { userAction } from '@/server/auth/action';
import { cancelGeneration } from '@/server/generations/cancel';
import { createGeneration } from '@/server/generations/create';

// The settings are parsed by createGeneration, the same for the API, which names each culprit.
export const createGenerationAction = userAction(z.record(z.string(), z.unknown()), async (input, user) =>
  createGeneration(user.id, input),
);

export const cancelGenerationAction = userAction(
  z.object({ id: z.string({ error: 'Generation not found.' }) }, { error: 'Generation not found.' }),
  async ({ id }, user) => cancelGeneration(user.id, id),
);
