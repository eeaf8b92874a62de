import Stripe from 'stripe';
import { newId, unixNow, type CheckoutSession } from './state';

export const DOUBLE_API_VERSION = '2026-10-28.endive';

/** A Stripe `event` envelope around `object`, as a webhook endpoint receives it. */
export function makeEvent(type: string, object: object, opts: { id?: string; created?: number } = {}) {
  return {
    id: opts.id ?? newId('evt_'),
    object: 'event' as const,
    api_version: DOUBLE_API_VERSION,
    created: opts.created ?? unixNow(),
    type,
    livemode: false,
    data: { object },
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}

/**
 * The body and `Stripe-Signature` header of a webhook delivery. The body is pretty-printed as
 * Stripe sends it, so a handler that verifies re-serialised JSON instead of the raw bytes fails.
 */
export function signedWebhook(payload: object, secret: string, opts: { timestamp?: number } = {}): { body: string; header: string } {
  const body = JSON.stringify(payload, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: opts.timestamp });
  return { body, header };
}

/** Marks a stored session paid (or not) the way Checkout does when the customer finishes. */
export function completeCheckout(
  double: { checkoutSessions: Map<string, CheckoutSession> },
  sessionId: string,
  opts: { paymentStatus?: 'paid' | 'unpaid' } = {},
): CheckoutSession {
  const session = double.checkoutSessions.get(sessionId);
  if (!session) throw new Error(`No checkout session ${sessionId} in the Stripe double`);
  const completed: CheckoutSession = {
    ...session,
    status: 'complete',
    payment_status: opts.paymentStatus ?? 'paid',
    payment_intent: session.mode === 'payment' ? (session.payment_intent ?? newId('pi_')) : null,
    subscription: session.mode === 'subscription' ? (session.subscription ?? newId('sub_')) : null,
    invoice: session.mode === 'subscription' ? (session.invoice ?? newId('in_')) : null,
    url: null,
  };
  double.checkoutSessions.set(sessionId, completed);
  return completed;
}
