import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { emailSchema, parseForm, passwordSchema } from '../auth/credentials';
import { hashPassword } from '../auth/passwords';
import { clearSignInFailures } from '../auth/rate-limit';
import { revokeUserSessions } from '../auth/sessions';
import { db } from '../db/client';
import { users } from '../db/schema';
import { isMailConfigured, sendMail } from '../mail/mailer';
import { appUrl, resetPasswordMail } from '../mail/messages';
import { countHit } from '../rate-limit/counter';
import { redisKeys } from '../redis/keys';
import { activateAccount } from './activate';
import { consumeToken, issueToken, TOKEN_TTL_MINUTES } from './tokens';

/** Requests per hour: per address (many people may share one) and per email (no mail bombing). */
const PER_ADDRESS = 20;
const PER_EMAIL = 5;

export const forgotPasswordSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ token: z.string().max(200), password: passwordSchema });

/**
 * Mails a reset link when the address has an account, and answers the same either way. The mail
 * goes out after the answer, so its time does not tell whether there was an account. With mail
 * off, the link is printed in the server log for the operator, and the answer says so.
 */
export async function requestPasswordReset(input: unknown, clientAddress: string): Promise<Result<{ message: string; mailConfigured: boolean }>> {
  const parsed = parseForm(forgotPasswordSchema, input);
  if (!parsed.ok) return parsed;
  const { email } = parsed.data;
  const [byAddress, byEmail] = await Promise.all([
    countHit(redisKeys.rateLimit('reset-address', clientAddress), 3600),
    countHit(redisKeys.rateLimit('reset-email', email), 3600),
  ]);
  if (byAddress > PER_ADDRESS || byEmail > PER_EMAIL) return fail('rate_limited', 'Too many reset requests. Try again in an hour.');
  const [user] = await db().select({ id: users.id }).from(users).where(and(eq(users.email, email), isNull(users.deletedAt)));
  if (user) {
    const token = await issueToken(db(), user.id, 'reset_password');
    const mail = resetPasswordMail(email, appUrl(`/reset-password?token=${token}`), TOKEN_TTL_MINUTES.reset_password);
    void sendMail(mail).catch((err) => console.error(`[mail] password reset mail to ${email} failed:`, err));
  }
  if (!isMailConfigured()) {
    return ok({
      mailConfigured: false,
      message: 'Mail is not configured on this server, so no email was sent. Ask the administrator: the reset link is in the server log.',
    });
  }
  return ok({
    mailConfigured: true,
    message: `If an account uses ${email}, we sent it a link to choose a new password. The link works for ${TOKEN_TTL_MINUTES.reset_password} minutes.`,
  });
}

/** Sets the new password from a mailed link, once; every session of the account ends. */
export async function resetPassword(input: unknown): Promise<Result<{ message: string }>> {
  const parsed = parseForm(resetPasswordSchema, input);
  if (!parsed.ok) return parsed;
  const passwordHash = await hashPassword(parsed.data.password);
  const done = await db().transaction(async (tx): Promise<Result<{ userId: string; email: string }>> => {
    const used = await consumeToken(tx, ['reset_password'], parsed.data.token);
    if (!used.ok) return used;
    const [row] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, used.userId), isNull(users.deletedAt)))
      .returning({ email: users.email });
    if (!row) return fail('not_found', 'This account no longer exists.');
    // The link came to the mailbox, which proves the address as a confirmation link would.
    await activateAccount(tx, used.userId);
    return ok({ userId: used.userId, email: row.email });
  });
  if (!done.ok) return done;
  await revokeUserSessions(done.userId);
  await clearSignInFailures(`email:${done.email}`);
  return ok({ message: 'Your password is changed and every signed-in browser was signed out. Sign in with the new password.' });
}
