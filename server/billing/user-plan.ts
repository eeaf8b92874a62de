import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import type { Plan } from '../../domain/plans';

export async function planOf(userId: string): Promise<Plan> {
  const [row] = await db().select({ plan: users.plan }).from(users).where(eq(users.id, userId));
  return row?.plan ?? 'free';
}
