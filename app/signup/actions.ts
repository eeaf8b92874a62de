'use server';
import { ok } from '@/domain/result';
import type { ActionState } from '@/server/auth/action';
import { signUp } from '@/server/auth/users';

/**
 * A visitor has no session, so this is not a userAction; signUp parses the input with the
 * credentials schema. The new account is not returned: the form signs in next.
 */
export async function signUpAction(input: { email: string; password: string }): Promise<ActionState> {
  const result = await signUp(input);
  return result.ok ? ok() : result;
}
