import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientAddressOf } from '../http/client-address';
import { credentialsSchema } from './credentials';
import { beginSignInAttempt, endSignInAttempt } from './rate-limit';
import { authenticate, type SessionUser } from './users';

/** Thrown to next-auth, which passes `message` to the sign-in form as `error`. */
export const SIGNIN_ERRORS = {
  invalid: 'Wrong email or password.',
  limited: 'Too many sign-in attempts. Wait a few minutes and try again.',
} as const;

/** What authorize calls besides Redis; tests replace them to count password checks and pauses. */
export type AuthorizeDeps = {
  authenticate: (email: string, password: string) => Promise<SessionUser | null>;
  wait: (ms: number) => Promise<void>;
};

const defaultDeps: AuthorizeDeps = { authenticate, wait: (ms) => sleep(ms) };

let warnedUnknown = false;

/**
 * The credentials check behind next-auth's sign-in, with the limits of ./rate-limit around it.
 * The client address is the one server/main.ts stamped on the request (CLIENT_ADDRESS_HEADER);
 * X-Forwarded-For and other client-written headers are never read here.
 */
export async function authorize(raw: unknown, headers: Record<string, unknown> | undefined, deps: Partial<AuthorizeDeps> = {}): Promise<SessionUser> {
  const { authenticate: check, wait } = { ...defaultDeps, ...deps };
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(SIGNIN_ERRORS.invalid);
  const { email, password } = parsed.data;
  const address = clientAddressOf(headers);
  if (address === 'unknown' && !warnedUnknown) {
    warnedUnknown = true;
    console.warn('[auth] a sign-in came without a client address: is the web process started by server/main.ts? All such clients share one limit.');
  }
  const attempt = await beginSignInAttempt(email, address);
  if (!attempt.allowed) throw new Error(SIGNIN_ERRORS.limited);
  if (attempt.delayMs > 0) await wait(attempt.delayMs);
  let user: SessionUser | null;
  try {
    user = await check(email, password);
  } catch (err) {
    await endSignInAttempt(attempt, 'unchecked');
    throw err;
  }
  await endSignInAttempt(attempt, user ? 'success' : 'failure');
  if (!user) throw new Error(SIGNIN_ERRORS.invalid);
  return user;
}
