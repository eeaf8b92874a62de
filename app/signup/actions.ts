'use server';
import { headers } from 'next/headers';
import type { ActionState } from '@/server/auth/action';
import { signUpVisitor, type SignUpAnswer } from '@/server/account/sign-up';
import { clientAddressOf } from '@/server/http/client-address';

/**
 * A visitor has no session, so this is not a userAction; signUpVisitor parses the input with the
 * credentials schema. With mail on the answer says to check the inbox (the same whether or not
 * the address had an account); with mail off the form signs in next.
 */
export async function signUpAction(input: { email: string; password: string }): Promise<ActionState<SignUpAnswer>> {
  return signUpVisitor(input, clientAddressOf(await headers()));
}
