'use server';
import { signUp } from '@/server/auth/users';

export type SignUpState = { ok: boolean; message?: string; field?: string };

export async function signUpAction(input: { email: string; password: string }): Promise<SignUpState> {
  const result = await signUp(input);
  if (result.ok) return { ok: true };
  return { ok: false, message: result.error.message, field: result.error.field };
}
