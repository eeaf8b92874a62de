import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { fail, ok, type ErrorCode, type Result } from '../../domain/result';
import { db } from '../db/client';
import { users } from '../db/schema';
import { adminEmails } from '../env';
import { activateAccount } from '../account/activate';
import { issueToken } from '../account/tokens';
import { isMailConfigured, sendMail } from '../mail/mailer';
import { appUrl, signUpAttemptMail, verifyEmailMail } from '../mail/messages';
import { hashPassword, verifyPassword } from './passwords';
import { credentialsSchema, parseForm } from './credentials';

export type SessionUser = { id: string; email: string; role: 'user' | 'admin' };

function roleFor(email: string, stored: 'user' | 'admin'): 'user' | 'admin' {
  return adminEmails().has(email) ? 'admin' : stored;
}

const failOn = (field: string, code: ErrorCode, message: string) => fail(code, message, { [field]: message });

const MAIL_DOWN = 'The confirmation email could not be sent right now. Try again in a few minutes.';

/**
 * Creates the account. Mail off: it is active at once, with its starting credits (and the admin
 * role for ADMIN_EMAILS). Mail on: it starts unverified with nothing, and a link is mailed to the
 * address; an address that has an account already gets a mail saying so (or, while unverified, a
 * fresh link), so callers that hide `exists` from visitors reveal nothing.
 */
export async function signUp(input: unknown): Promise<Result<{ value: SessionUser; verified: boolean }>> {
  const parsed = parseForm(credentialsSchema, input);
  if (!parsed.ok) return parsed;
  const { email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const mail = isMailConfigured();
  const created = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email, passwordHash, role: 'user' })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) return null;
    if (!mail) return { id: row.id, role: (await activateAccount(tx, row.id)) ?? 'user', token: null };
    return { id: row.id, role: 'user' as const, token: await issueToken(tx, row.id, 'verify_email') };
  });
  try {
    if (!created) {
      if (mail) await mailExistingOwner(email);
      return failOn('email', 'exists', 'An account with this email already exists.');
    }
    if (created.token) await sendMail(verifyEmailMail(email, appUrl(`/verify-email?token=${created.token}`)));
  } catch (err) {
    console.error(`[mail] sign-up mail to ${email} failed:`, err);
    return fail('unavailable', MAIL_DOWN);
  }
  return ok({ value: { id: created.id, email, role: created.role }, verified: !mail });
}

/** A verified owner hears that someone tried; an unverified one gets a fresh link (the first may be lost). */
async function mailExistingOwner(email: string): Promise<void> {
  const [owner] = await db()
    .select({ id: users.id, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deletedAt)));
  if (!owner) return;
  if (owner.verifiedAt) return sendMail(signUpAttemptMail(email));
  const token = await issueToken(db(), owner.id, 'verify_email');
  await sendMail(verifyEmailMail(email, appUrl(`/verify-email?token=${token}`)));
}

export async function authenticate(email: string, password: string): Promise<SessionUser | null> {
  const [row] = await db().select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!row || row.deletedAt) {
    await hashPassword(password); // same cost as a real check, so timing does not reveal accounts
    return null;
  }
  if (!(await verifyPassword(row.passwordHash, password))) return null;
  // ADMIN_EMAILS counts only for a proven address: an unverified one could be anyone's.
  return { id: row.id, email: row.email, role: row.emailVerifiedAt ? roleFor(row.email, row.role) : row.role };
}
