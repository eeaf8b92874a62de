import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';

export const SUSPENDED_MESSAGE = 'Your account is suspended pending review, so it cannot generate images. An administrator will look at it.';

/** Why the user may not generate, or null when they may. */
export async function suspensionOf(userId: string): Promise<string | null> {
  const [row] = await db().select({ at: users.suspendedAt }).from(users).where(eq(users.id, userId));
  return row?.at ? SUSPENDED_MESSAGE : null;
}
