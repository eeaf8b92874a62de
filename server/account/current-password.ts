import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { verifyPassword } from '../auth/passwords';
import { db } from '../db/client';
import { users, type User } from '../db/schema';

export const currentPasswordSchema = z.string().min(1, 'Enter your current password.').max(200, 'Password must be at most 200 characters.');

/**
 * The live account row, when `password` is its password: the proof every sensitive change asks
 * for, so a browser left signed in is not enough to take the account over.
 */
export async function checkCurrentPassword(userId: string, password: string, field = 'currentPassword'): Promise<Result<{ user: User }>> {
  const [row] = await db().select().from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!row) return fail('not_found', 'This account no longer exists.');
  if (!(await verifyPassword(row.passwordHash, password))) {
    const message = 'That is not your current password.';
    return fail('invalid', message, { [field]: message });
  }
  return ok({ user: row });
}
