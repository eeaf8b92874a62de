'use server';
import type { ActionState } from '@/server/auth/action';
import { resetPassword } from '@/server/account/password-reset';

/** For visitors: the token from the mailed link is the proof, not a session. */
export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return resetPassword(Object.fromEntries(form));
}
