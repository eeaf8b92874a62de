import 'server-only';
import Stripe from 'stripe';
import { env } from '../../env';

export type Verified = { ok: true; event: Stripe.Event } | { ok: false; status: number; message: string };

/**
 * Checks the Stripe-Signature header against the raw body (any re-serialised JSON would fail)
 * and rejects timestamps older than the tolerance, which stops replays of captured deliveries.
 */
export function verifyWebhook(rawBody: string, signature: string | null): Verified {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) return { ok: false, status: 503, message: 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).' };
  if (!signature) return { ok: false, status: 400, message: 'Missing Stripe-Signature header.' };
  try {
    const event = Stripe.webhooks.constructEvent(rawBody, signature, secret, env().STRIPE_WEBHOOK_TOLERANCE_SECONDS);
    return { ok: true, event };
  } catch (err) {
    return { ok: false, status: 400, message: `Webhook signature verification failed: ${(err as Error).message}` };
  }
}
