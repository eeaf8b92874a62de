import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { users } from '../db/schema';
import { userEvents } from '../realtime/emitter';
import { recordAudit, type Actor } from '../audit/audit';
import { appendEntry, lockUserCredits } from './ledger';

export const grantSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter the user’s email address.'),
  amount: z.coerce
    .number({ error: 'Enter a whole number of credits.' })
    .int('Enter a whole number of credits.')
    .refine((n) => n !== 0, 'Enter a non-zero amount (negative removes credits).')
    .refine((n) => Math.abs(n) <= 1_000_000, 'At most 1,000,000 credits at a time.'),
  reason: z.string().trim().min(3, 'Say why (at least 3 characters); the user sees it in their history.').max(200),
});

/**
 * An admin's grant (positive) or removal (negative) of credits, with the reason the user sees.
 * The caller has checked that the actor is an admin. The entry and its audit record commit together.
 */
export async function adjustCredits(admin: Actor, input: unknown): Promise<Result<{ email: string; balance: number }>> {
  const parsed = grantSchema.safeParse(input);
  if (!parsed.success) return fail('invalid', parsed.error.issues[0].message);
  const { email, amount, reason } = parsed.data;
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) return fail('not_found', `No account uses ${email}.`);
  const balance = await db().transaction(async (tx) => {
    const before = await lockUserCredits(tx, user.id);
    await appendEntry(tx, {
      userId: user.id,
      kind: amount > 0 ? 'grant' : 'adjustment',
      amount,
      reason,
      uniqueKey: `admin:${admin.id}:${randomUUID()}`,
    });
    await recordAudit(tx, admin, {
      action: amount > 0 ? 'credits.grant' : 'credits.remove',
      targetType: 'user',
      targetId: user.id,
      before: { email, balance: before },
      after: { email, balance: before + amount, amount, reason },
    });
    return before + amount;
  });
  const [after] = await db().select({ plan: users.plan }).from(users).where(eq(users.id, user.id));
  userEvents().emit(user.id, 'billing:updated', { balance, plan: after.plan });
  return ok({ email, balance });
}
