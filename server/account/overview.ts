import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import { isMailConfigured } from '../mail/mailer';

/** What the settings page shows about the account. */
export async function accountOverview(userId: string) {
  const [row] = await db()
    .select({ email: users.email, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  return { email: row?.email ?? '', isVerified: Boolean(row?.emailVerifiedAt), isMailConfigured: isMailConfigured() };
}
