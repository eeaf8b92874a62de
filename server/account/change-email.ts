import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { emailSchema, parseForm } from '../auth/credentials';
import { db } from '../db/client';
import { users } from '../db/schema';
import { isMailConfigured, sendMail } from '../mail/mailer';
import { appUrl, changeEmailMail, emailChangeRequestedMail } from '../mail/messages';
import { countHit } from '../rate-limit/counter';
import { redisKeys } from '../redis/keys';
import { checkCurrentPassword, currentPasswordSchema } from './current-password';
import { issueToken } from './tokens';

const REQUESTS_PER_HOUR = 5;
const TAKEN = 'An account with this email already exists.';

export const changeEmailSchema = z.object({ email: emailSchema, currentPassword: currentPasswordSchema });

const isUniqueViolation = (err: unknown) => (err as { code?: string; cause?: { code?: string } }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505';

/**
 * Mail on: the new address gets a confirmation link and the email changes when it is opened (see
 * confirmEmailLink); the old address is told. A taken address gets the same answer and no mail,
 * so this form cannot be used to find out who has an account. Mail off: it changes at once.
 */
export async function changeEmail(userId: string, input: unknown): Promise<Result<{ message: string; pending: boolean }>> {
  const parsed = parseForm(changeEmailSchema, input);
  if (!parsed.ok) return parsed;
  const { email, currentPassword } = parsed.data;
  const checked = await checkCurrentPassword(userId, currentPassword);
  if (!checked.ok) return checked;
  const oldEmail = checked.user.email;
  if (email === oldEmail) return fail('unchanged', 'That is already your email.', { email: 'That is already your email.' });
  const [taken] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));

  if (!isMailConfigured()) {
    if (taken) return fail('exists', TAKEN, { email: TAKEN });
    try {
      await db().update(users).set({ email }).where(eq(users.id, userId));
    } catch (err) {
      if (isUniqueViolation(err)) return fail('exists', TAKEN, { email: TAKEN });
      throw err;
    }
    return ok({ pending: false, message: `Your email is now ${email}. Use it to sign in from now on.` });
  }

  if ((await countHit(redisKeys.rateLimit('change-email', userId), 3600)) > REQUESTS_PER_HOUR) {
    return fail('rate_limited', 'Too many email changes in the last hour. Try again later.');
  }
  if (!taken) {
    const token = await issueToken(db(), userId, 'change_email', email);
    try {
      await sendMail(changeEmailMail(email, appUrl(`/verify-email?token=${token}`)));
      await sendMail(emailChangeRequestedMail(oldEmail, email));
    } catch (err) {
      console.error(`[mail] email change mail to ${email} failed:`, err);
      return fail('unavailable', 'The confirmation email could not be sent right now. Try again in a few minutes.');
    }
  }
  return ok({ pending: true, message: `We sent a link to ${email}. Your email changes when you open it; until then, keep signing in with ${oldEmail}.` });
}
