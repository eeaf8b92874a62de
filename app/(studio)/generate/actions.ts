'use server';
import { currentUser } from '@/server/auth/session';
import { createGeneration, type CreateResult } from '@/server/generations/create';

export async function createGenerationAction(input: Record<string, unknown>): Promise<CreateResult> {
  const user = await currentUser();
  if (!user) return { ok: false, error: { code: 'invalid', message: 'Your session has ended. Sign in again.' } };
  return createGeneration(user.id, input);
}
