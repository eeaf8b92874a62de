import 'server-only';
import { credentialsSchema } from './credentials';
import { clearSignInFailures, isSignInBlocked, recordSignInFailure } from './rate-limit';
import { authenticate, type SessionUser } from './users';

/** Thrown to next-auth, which passes `message` to the sign-in form as `error`. */
export const SIGNIN_ERRORS = {
  invalid: 'Wrong email or password.',
  limited: 'Too many sign-in attempts. Wait a few minutes and try again.',
} as const;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = String(headers?.['x-forwarded-for'] ?? '').split(',')[0]?.trim();
  return forwarded || String(headers?.['x-real-ip'] ?? 'unknown');
}

/** The credentials check behind next-auth's sign-in, with the failure limits around it. */
export async function authorize(raw: unknown, headers: Record<string, unknown> | undefined): Promise<SessionUser> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(SIGNIN_ERRORS.invalid);
  const { email, password } = parsed.data;
  const keys = [`email:${email}`, `ip:${clientIp(headers)}`];
  if (await isSignInBlocked(keys)) throw new Error(SIGNIN_ERRORS.limited);
  const user = await authenticate(email, password);
  if (!user) {
    await recordSignInFailure(keys);
    throw new Error(SIGNIN_ERRORS.invalid);
  }
  await clearSignInFailures(`email:${email}`);
  return user;
}
