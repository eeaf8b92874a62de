'use server';
import { z } from 'zod';
import { ok } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { currentSessionId } from '@/server/auth/session';
import { revokeUserSessions } from '@/server/auth/sessions';
import { changeEmail, changeEmailSchema } from '@/server/account/change-email';
import { changePassword, changePasswordSchema } from '@/server/account/change-password';
import { deleteAccount, deleteAccountSchema } from '@/server/account/delete-account';
import { resendVerification } from '@/server/account/verify-email';

export const changePasswordAction = userAction(changePasswordSchema, async (input, user) =>
  changePassword(user.id, input, await currentSessionId()),
);

export const changeEmailAction = userAction(changeEmailSchema, (input, user) => changeEmail(user.id, input));

export const resendVerificationAction = userAction(z.object({}), (_input, user) => resendVerification(user.id));

/** Ends every session of the account, this one included; the form then clears this browser's cookie. */
export const signOutEverywhereAction = userAction(z.object({}), async (_input, user) => {
  const ended = await revokeUserSessions(user.id);
  return ok({ message: `Signed out of ${ended === 1 ? '1 session' : `${ended} sessions`}.` });
});

export const deleteAccountAction = userAction(deleteAccountSchema, (input, user) => deleteAccount(user.id, input));
