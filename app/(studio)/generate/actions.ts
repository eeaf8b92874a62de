'use server';
import { currentUser } from '@/server/auth/session';
import { cancelGeneration, type CancelResult } from '@/server/generations/cancel';
import { createGeneration, type CreateResult } from '@/server/generations/create';

export async function createGenerationAction(input: Record<string, unknown>): Promise<CreateResult> {
  const user = await currentUser();
  if (!user) return { ok: false, error: { code: 'invalid', message: 'Your session has ended. Sign in again.' } };
  return createGeneration(user.id, input);
}

export async function cancelGenerationAction(id: string): Promise<CancelResult> {
  const user = await currentUser();
  if (!user) return { ok: false, error: { code: 'not_found', message: 'Your session has ended. Sign in again.' } };
  if (typeof id !== 'string') return { ok: false, error: { code: 'not_found', message: 'Generation not found.' } };
  return cancelGeneration(user.id, id);
}
