import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import { adminEmails } from '../env';
import type { Plan } from '../../domain/plans';
import { hasUserWebhooksColumn } from '../webhooks/has-endpoints';

/**
 * What createGeneration needs to know about the user before its transaction: the plan (tier and
 * price), a suspension, and whether test models are open to them. One read, or none when the
 * caller already has it (the API's authentication reads it with the key).
 */
export type GeneratingAccount = {
  plan: Plan;
  suspended: boolean;
  admin: boolean;
  /** Has an enabled webhook endpoint: otherwise the generation.queued event has no one to tell. */
  webhooks: boolean;
};

export const isAdminAccount = (role: 'user' | 'admin', email: string) => role === 'admin' || adminEmails().has(email);

export async function generatingAccountOf(userId: string): Promise<GeneratingAccount> {
  const [row] = await db()
    .select({ plan: users.plan, suspendedAt: users.suspendedAt, role: users.role, email: users.email, webhooks: hasUserWebhooksColumn() })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return { plan: 'free', suspended: false, admin: false, webhooks: false };
  return { plan: row.plan, suspended: row.suspendedAt !== null, admin: isAdminAccount(row.role, row.email), webhooks: row.webhooks };
}
