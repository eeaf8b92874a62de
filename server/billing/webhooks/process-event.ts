import 'server-only';
import type Stripe from 'stripe';
import { and, eq } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { stripeEvents } from '../../db/billing-schema';
import { users } from '../../db/schema';
import { userEvents } from '../../realtime/emitter';
import { stripeClient } from '../stripe';
import { onCheckoutEvent } from './checkout-events';
import { onChargeRefunded, onDisputeCreated } from './clawback-events';
import { onInvoicePaid } from './invoice-events';
import { ignored, type Outcome } from './outcome';
import { onSubscriptionEvent } from './subscription-events';

/** The event types Kumori acts on (README "Billing" describes each); others are recorded as ignored. */
export const HANDLED_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'invoice.paid',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'charge.refunded',
  'charge.dispute.created',
] as const;

type EventLike = Pick<Stripe.Event, 'id' | 'type' | 'created'> & { data: { object: unknown } };

function handle(tx: Tx, event: EventLike): Promise<Outcome> {
  const at = new Date(event.created * 1000);
  const object = event.data.object;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return onCheckoutEvent(tx, event.type, object, at);
    case 'invoice.paid':
      return onInvoicePaid(tx, object, stripeClient());
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return onSubscriptionEvent(tx, event.type, object, at);
    case 'charge.refunded':
      return onChargeRefunded(tx, object);
    case 'charge.dispute.created':
      return onDisputeCreated(tx, object);
    default:
      return Promise.resolve(ignored('event type not handled'));
  }
}

async function record(tx: Tx, event: EventLike, outcome: Outcome) {
  await tx
    .update(stripeEvents)
    .set({
      status: outcome.status,
      note: outcome.note ?? null,
      waitingFor: outcome.waitingFor ?? null,
      payload: outcome.status === 'deferred' ? (event as unknown as Record<string, unknown>) : null,
    })
    .where(eq(stripeEvents.id, event.id));
}

export type ProcessResult = { status: Outcome['status'] | 'duplicate'; note?: string };

/**
 * Handles one verified event exactly once: its id is recorded in the same transaction as its
 * effects, so a redelivery (or a concurrent duplicate, which waits on the id's unique index)
 * changes nothing. Users are told after commit, with the balance as committed.
 */
export async function processStripeEvent(event: EventLike): Promise<ProcessResult> {
  const outcome = await db().transaction(async (tx) => {
    const fresh = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, status: 'processed', createdAt: new Date(event.created * 1000) })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (fresh.length === 0) return null;
    const result = await handle(tx, event);
    await record(tx, event, result);
    return result;
  });
  if (!outcome) return { status: 'duplicate' };
  const notified = new Set(outcome.users ?? []);
  if (outcome.resolved) for (const u of await replayDeferred(outcome.resolved)) notified.add(u);
  await notify([...notified]);
  return { status: outcome.status, note: outcome.note };
}

/** Runs the events that were waiting for this payment intent; returns the users they touched. */
async function replayDeferred(paymentIntent: string): Promise<string[]> {
  const waiting = await db()
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(and(eq(stripeEvents.waitingFor, paymentIntent), eq(stripeEvents.status, 'deferred')));
  const touched: string[] = [];
  for (const { id } of waiting) {
    const outcome = await db().transaction(async (tx) => {
      const [row] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, id)).for('update');
      if (!row || row.status !== 'deferred') return null;
      const event = row.payload as EventLike;
      const result = await handle(tx, event);
      await record(tx, event, result);
      return result;
    });
    touched.push(...(outcome?.users ?? []));
  }
  return touched;
}

async function notify(userIds: string[]) {
  for (const id of userIds) {
    const [u] = await db().select({ credits: users.credits, plan: users.plan }).from(users).where(eq(users.id, id));
    if (u) userEvents().emit(id, 'billing:updated', { balance: u.credits, plan: u.plan });
  }
}
