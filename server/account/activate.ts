import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { users } from '../db/schema';
import { adminEmails, env } from '../env';
import { grantCredits } from '../billing/ledger';

/**
 * What a proven address unlocks, once: the verified mark, the starting credits and, for an address
 * in ADMIN_EMAILS, the admin role. At sign-up while mail is off; from the mailed link when it is on
 * (an unproven address could be anyone's, including an admin's). Returns the role now held, or
 * null when the account was already verified (nothing changed).
 */
export async function activateAccount(tx: Tx, userId: string): Promise<'user' | 'admin' | null> {
  const [row] = await tx
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt), isNull(users.deletedAt)))
    .returning({ email: users.email, role: users.role });
  if (!row) return null;
  // The key is the sign-up grant's of before verification existed, so no account gets it twice.
  await grantCredits(tx, userId, env().STARTING_CREDITS, 'Welcome grant', `signup:${userId}`);
  if (row.role === 'admin' || !adminEmails().has(row.email)) return row.role;
  await tx.update(users).set({ role: 'admin' }).where(eq(users.id, userId));
  return 'admin';
}
