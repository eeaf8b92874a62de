import 'server-only';
import { fail, ok, type Result } from '../../domain/result';
import { credentialsSchema, parseForm } from '../auth/credentials';
import { signUp } from '../auth/users';
import { env } from '../env';
import { isMailConfigured } from '../mail/mailer';
import { countHit } from '../rate-limit/counter';
import { redisKeys } from '../redis/keys';

export type SignUpAnswer = { checkEmail: boolean; message?: string };

/**
 * Sign-up as a visitor sees it. At most SIGNUP_MAX_PER_HOUR attempts per client address (counted
 * atomically, so parallel requests cannot slip past together; input errors do not count). With mail
 * on, a new address and a taken one get the same answer: the owner learns about it by mail instead.
 */
export async function signUpVisitor(input: unknown, clientAddress: string): Promise<Result<SignUpAnswer>> {
  const parsed = parseForm(credentialsSchema, input);
  if (!parsed.ok) return parsed;
  const hits = await countHit(redisKeys.rateLimit('signup', clientAddress), 3600);
  if (hits > env().SIGNUP_MAX_PER_HOUR) {
    return fail('rate_limited', 'Too many accounts were created from your network in the last hour. Try again later.');
  }
  const result = await signUp(parsed.data);
  if (!isMailConfigured()) return result.ok ? ok({ checkEmail: false }) : result;
  if (result.ok || result.error.code === 'exists') {
    return ok({ checkEmail: true, message: `We sent a link to ${parsed.data.email}. Open it to activate your account, then sign in.` });
  }
  return result;
}
