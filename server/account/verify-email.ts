import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { users } from '../db/schema';
import { env } from '../env';
import { isMailConfigured, sendMail } from '../mail/mailer';
import { appUrl, verifyEmailMail } from '../mail/messages';
import { countHit } from '../rate-limit/counter';
import { redisKeys } from '../redis/keys';
import { activateAccount } from './activate';
import { consumeToken, issueToken } from './tokens';

const RESENDS_PER_HOUR = 5;

/**
 * The page behind a mailed confirmation link: a new account's address (activating it) or the new
 * address of an email change. Both prove the holder reads that mailbox.
 */
export async function confirmEmailLink(token: string): Promise<Result<{ message: string }>> {
  return db().transaction(async (tx): Promise<Result<{ message: string }>> => {
    const used = await consumeToken(tx, ['verify_email', 'change_email'], token);
    if (!used.ok) return used;
    if (used.purpose === 'change_email' && used.newEmail) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, used.newEmail), ne(users.id, used.userId)));
      if (taken) return fail('exists', 'Another account uses that address now, so your email was not changed.');
      const [changed] = await tx
        .update(users)
        .set({ email: used.newEmail })
        .where(and(eq(users.id, used.userId), isNull(users.deletedAt)))
        .returning({ id: users.id });
      if (!changed) return fail('not_found', 'This account no longer exists.');
      await activateAccount(tx, used.userId);
      return ok({ message: `Your email is now ${used.newEmail}. Use it to sign in from now on.` });
    }
    const activated = await activateAccount(tx, used.userId);
    if (!activated) return ok({ message: 'Your email was already confirmed.' });
    return ok({ message: `Your email is confirmed and your account is active: ${env().STARTING_CREDITS.toLocaleString('en-US')} starting credits are yours.` });
  });
}

/** Another confirmation mail for a signed-in account whose address is not yet proven. */
export async function resendVerification(userId: string): Promise<Result<{ message: string }>> {
  if (!isMailConfigured()) return fail('not_configured', 'Mail is not configured on this server, so no confirmation email can be sent.');
  const [row] = await db().select({ email: users.email, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  if (!row) return fail('not_found', 'This account no longer exists.');
  if (row.verifiedAt) return fail('unchanged', 'Your email is already confirmed.');
  if ((await countHit(redisKeys.rateLimit('verify-mail', userId), 3600)) > RESENDS_PER_HOUR) {
    return fail('rate_limited', 'Several confirmation emails were sent in the last hour. Check your inbox (and spam folder), or try again later.');
  }
  const token = await issueToken(db(), userId, 'verify_email');
  await sendMail(verifyEmailMail(row.email, appUrl(`/verify-email?token=${token}`)));
  return ok({ message: `We sent a new link to ${row.email}.` });
}
