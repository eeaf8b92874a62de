import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import type { Plan } from '../../domain/plans';

export async function accountOf(userId: string): Promise<{ balance: number; plan: Plan; hasCustomer: boolean }> {
  const [row] = await db()
    .select({ balance: users.credits, plan: users.plan, customer: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId));
  return { balance: row?.balance ?? 0, plan: row?.plan ?? 'free', hasCustomer: Boolean(row?.customer) };
}
