'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok, type Result } from '@/domain/result';
import { adminAction } from '@/server/auth/action';
import { adjustCredits } from '@/server/billing/admin-grant';
import { adminRevokeApiKey } from '@/server/api/keys/manage-keys';
import { roleSchema, setRole, suspendSchema, suspendUser, unsuspendSchema, unsuspendUser, type ChangedUser } from '@/server/admin/user-changes';

function answer(result: Result<{ user: ChangedUser }>, done: (user: ChangedUser) => string) {
  if (!result.ok) return result;
  // The overview's counts and the audit log change too.
  revalidatePath('/admin', 'layout');
  return ok({ message: done(result.user) });
}

export const suspendUserAction = adminAction(suspendSchema, async (input, admin) =>
  answer(await suspendUser(admin, input), ({ email }) => `${email} is suspended: they can sign in but not generate.`),
);

export const unsuspendUserAction = adminAction(unsuspendSchema, async (input, admin) =>
  answer(await unsuspendUser(admin, input), ({ email }) => `${email} can generate again.`),
);

export const setRoleAction = adminAction(roleSchema, async (input, admin) =>
  answer(await setRole(admin, input), ({ email, role }) => `${email} is now ${role === 'admin' ? 'an admin' : 'a plain user'}.`),
);

// adjustCredits parses these itself (server/billing/admin-grant.ts), with the messages the form shows.
const creditsForm = z.object({ email: z.unknown(), amount: z.unknown(), reason: z.unknown() });

export const adjustUserCreditsAction = adminAction(creditsForm, async (input, admin) => {
  const result = await adjustCredits(admin, input);
  if (!result.ok) return result;
  revalidatePath('/admin', 'layout');
  return ok({ message: `Done: ${result.email} now has ${result.balance.toLocaleString('en-US')} credits.` });
});

export const revokeUserApiKeyAction = adminAction(z.object({ keyId: z.string() }), async ({ keyId }, admin) => {
  const result = await adminRevokeApiKey(admin, keyId);
  if (!result.ok) return result;
  revalidatePath('/admin', 'layout');
  return ok({ message: `Revoked ${result.key.prefix}.` });
});
