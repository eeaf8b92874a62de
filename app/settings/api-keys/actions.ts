'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { createApiKey, revokeApiKey } from '@/server/api/keys/manage-keys';

// createApiKey parses these itself (server/api/keys/manage-keys.ts), with the messages the form shows.
const createForm = z.object({ name: z.unknown(), scopes: z.unknown(), expiresInDays: z.unknown(), monthlyCreditCap: z.unknown() });

export const createApiKeyAction = userAction(createForm, async (input, user) => {
  const result = await createApiKey(user, input);
  if (!result.ok) return result;
  revalidatePath('/settings/api-keys');
  return ok({ key: result.key, id: result.id, prefix: result.prefix, message: `Created ${result.prefix}` });
});

export const revokeApiKeyAction = userAction(z.object({ keyId: z.string() }), async ({ keyId }, user) => {
  const result = await revokeApiKey(user, keyId);
  if (!result.ok) return result;
  revalidatePath('/settings/api-keys');
  return ok({ message: `Revoked ${result.key.prefix}. Requests with it now fail.` });
});
