'use server';
import { headers } from 'next/headers';
import type { ActionState } from '@/server/auth/action';
import { requestPasswordReset } from '@/server/account/password-reset';
import { clientAddressOf } from '@/server/http/client-address';

/** For visitors: whoever forgot their password has no session. */
export async function requestResetAction(_prev: ActionState, form: FormData): Promise<ActionState<{ mailConfigured: boolean }>> {
  return requestPasswordReset(Object.fromEntries(form), clientAddressOf(await headers()));
}
