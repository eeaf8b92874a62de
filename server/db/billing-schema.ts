import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { planEnum, users } from './schema';

export const paymentKindEnum = pgEnum('payment_kind', ['pack', 'plan']);
export const paymentStatusEnum = pgEnum('payment_status', ['open', 'processing', 'paid', 'failed', 'expired']);

/**
 * What a user started paying for: a Checkout session (cs_…) for a credit pack or a plan, or a
 * plan's invoice (in_…). The success page reads this row, so it tells what the webhooks confirmed.
 */
export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: paymentKindEnum('kind').notNull(),
    status: paymentStatusEnum('status').notNull().default('open'),
    /** Credits the payment buys (a pack's size, a plan's monthly credits). */
    credits: integer('credits').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    description: text('description').notNull(),
    plan: planEnum('plan'),
    /** How refunds and disputes (which name a payment intent) find what they take back. */
    paymentIntent: text('payment_intent').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payments_user_idx').on(t.userId, t.createdAt)],
);

/** A user's Stripe subscriptions; users.plan is the best plan among the live ones. */
export const subscriptions = pgTable('subscriptions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  plan: planEnum('plan').notNull(),
  status: text('status').notNull(),
  /** Stripe's created time of the last event applied: an older event arriving late is ignored. */
  eventAt: timestamp('event_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const stripeEventStatusEnum = pgEnum('stripe_event_status', ['processed', 'deferred', 'ignored']);

/**
 * Every webhook event handled, by Stripe's event id, so a redelivery does nothing. An event that
 * arrived before what it refers to (a refund before its payment) waits here as `deferred` with
 * its payload and runs when that payment is recorded.
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    status: stripeEventStatusEnum('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    waitingFor: text('waiting_for'),
    payload: jsonb('payload'),
    note: text('note'),
  },
  (t) => [index('stripe_events_waiting_idx').on(t.waitingFor)],
);

export type Payment = typeof payments.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
