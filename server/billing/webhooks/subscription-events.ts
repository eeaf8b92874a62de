import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { subscriptions } from '../../db/billing-schema';
import { users } from '../../db/schema';
import { PLAN_OFFERS, planOfPrice, type PaidPlan } from '../catalog';
import type { Plan } from '../../../domain/plans';
import { resolveUser } from '../customer';
import { subscriptionSchema } from './event-schemas';
import { ignored, type Outcome } from './outcome';

/** Stripe keeps the plan's features while it retries a failed renewal (past_due). */
const LIVE = ['active', 'trialing', 'past_due'];
const RANK: Record<Plan, number> = { free: 0, basic: 1, pro: 2 };

/**
 * Applies a subscription's state unless a newer event already did: deliveries can arrive out of
 * order. `canceled` is final in Stripe, so nothing after it revives the subscription.
 */
export async function recordSubscription(
  tx: Tx,
  s: { id: string; userId: string; plan: PaidPlan; status: string; eventAt: Date; onlyIfNew?: boolean },
): Promise<void> {
  const [current] = await tx.select().from(subscriptions).where(eq(subscriptions.id, s.id)).for('update');
  if (current && (s.onlyIfNew || current.status === 'canceled' || current.eventAt > s.eventAt)) return;
  await tx
    .insert(subscriptions)
    .values({ id: s.id, userId: s.userId, plan: s.plan, status: s.status, eventAt: s.eventAt })
    .onConflictDoUpdate({ target: subscriptions.id, set: { plan: s.plan, status: s.status, eventAt: s.eventAt, updatedAt: sql`now()` } });
  const live = await tx
    .select({ plan: subscriptions.plan })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, s.userId), inArray(subscriptions.status, LIVE)));
  const best = live.reduce<Plan>((p, r) => (RANK[r.plan] > RANK[p] ? r.plan : p), 'free');
  await tx.update(users).set({ plan: best }).where(eq(users.id, s.userId));
}

/** customer.subscription.created / updated / deleted: the user's plan follows their live subscriptions. */
export async function onSubscriptionEvent(tx: Tx, type: string, object: unknown, eventAt: Date): Promise<Outcome> {
  const s = subscriptionSchema.parse(object);
  const userId = await resolveUser(tx, s.customer, s.metadata.userId);
  if (!userId) return ignored('customer is not a Kumori user');
  const metaPlan = s.metadata.plan in PLAN_OFFERS ? (s.metadata.plan as PaidPlan) : undefined;
  const plan = planOfPrice(s.items.data[0]?.price.id) ?? metaPlan;
  if (!plan) return ignored('subscription to an unknown price');
  const status = type === 'customer.subscription.deleted' ? 'canceled' : s.status;
  await recordSubscription(tx, { id: s.id, userId, plan, status, eventAt });
  return { status: 'processed', note: `${plan} ${status}`, users: [userId] };
}
