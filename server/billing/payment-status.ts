import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { payments } from '../db/billing-schema';
import { users } from '../db/schema';

export type PaymentView = {
  id: string;
  kind: 'pack' | 'plan';
  status: 'open' | 'processing' | 'paid' | 'failed' | 'expired';
  credits: number;
  description: string;
  balance: number;
  plan: 'free' | 'basic' | 'pro';
};

/** A payment as its owner may see it (another user's id reads as not found). */
export async function paymentForUser(userId: string, paymentId: string): Promise<PaymentView | null> {
  const [row] = await db()
    .select({
      id: payments.id,
      kind: payments.kind,
      status: payments.status,
      credits: payments.credits,
      description: payments.description,
      balance: users.credits,
      plan: users.plan,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)));
  return row ?? null;
}
