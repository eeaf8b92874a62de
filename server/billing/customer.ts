import 'server-only';
import type Stripe from 'stripe';
import { and, eq, isNull } from 'drizzle-orm';
import { db, type Executor } from '../db/client';
import { users } from '../db/schema';

/**
 * The user's Stripe customer, created on first use. The idempotency key makes a retried or
 * concurrent first checkout create one customer, not two; webhooks find the user by it.
 */
export async function ensureCustomer(stripe: Stripe, userId: string): Promise<string> {
  const [user] = await db().select({ email: users.email, customer: users.stripeCustomerId }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`No user ${userId}`);
  if (user.customer) return user.customer;
  const customer = await stripe.customers.create(
    { email: user.email, metadata: { userId } },
    { idempotencyKey: `kumori-customer-${userId}` },
  );
  await db()
    .update(users)
    .set({ stripeCustomerId: customer.id })
    .where(and(eq(users.id, userId), isNull(users.stripeCustomerId)));
  return customer.id;
}

export async function userOfCustomer(ex: Executor, customerId: string | null | undefined): Promise<string | undefined> {
  if (!customerId) return undefined;
  const [row] = await ex.select({ id: users.id }).from(users).where(eq(users.stripeCustomerId, customerId));
  return row?.id;
}

/** The Kumori user a Stripe object belongs to: by its customer, else by the userId Kumori put in its metadata. */
export async function resolveUser(ex: Executor, customerId: string | null | undefined, metaUserId: string | undefined): Promise<string | undefined> {
  const byCustomer = await userOfCustomer(ex, customerId);
  if (byCustomer || !metaUserId || !/^[0-9a-f-]{36}$/i.test(metaUserId)) return byCustomer;
  const [row] = await ex.select({ id: users.id }).from(users).where(eq(users.id, metaUserId));
  return row?.id;
}
