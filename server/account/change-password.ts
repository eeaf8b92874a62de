import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { parseForm, passwordSchema } from '../auth/credentials';
import { hashPassword } from '../auth/passwords';
import { revokeUserSessions } from '../auth/sessions';
import { db } from '../db/client';
import { users } from '../db/schema';
import { isMailConfigured, sendMail } from '../mail/mailer';
import { passwordChangedMail } from '../mail/messages';
import { checkCurrentPassword, currentPasswordSchema } from './current-password';

export const changePasswordSchema = z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema });

/**
 * Changes the password and ends every other session of the account: whoever else was signed in
 * (perhaps the reason for the change) is out at their next request. `keepSessionId` is the
 * session that asked; null ends them all.
 */
export async function changePassword(userId: string, input: unknown, keepSessionId: string | null): Promise<Result<{ message: string; signedOut: number }>> {
  const parsed = parseForm(changePasswordSchema, input);
  if (!parsed.ok) return parsed;
  const { currentPassword, newPassword } = parsed.data;
  const checked = await checkCurrentPassword(userId, currentPassword);
  if (!checked.ok) return checked;
  if (currentPassword === newPassword) {
    const message = 'Choose a password different from the current one.';
    return fail('unchanged', message, { newPassword: message });
  }
  await db().update(users).set({ passwordHash: await hashPassword(newPassword) }).where(eq(users.id, userId));
  const signedOut = await revokeUserSessions(userId, { except: keepSessionId ?? undefined });
  if (isMailConfigured()) {
    void sendMail(passwordChangedMail(checked.user.email)).catch((err) => console.error('[mail] password-changed notice failed:', err));
  }
  const others = signedOut === 1 ? '1 other session was' : `${signedOut} other sessions were`;
  return ok({ signedOut, message: `Your password is changed. ${others} signed out.` });
}
