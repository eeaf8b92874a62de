import 'server-only';
import Stripe from 'stripe';
import { fail, ok, type Result } from '../../../domain/result';
import { env } from '../../env';

/**
 * Checks the Stripe-Signature header against the raw body (any re-serialised JSON would fail)
 * and rejects timestamps older than the tolerance, which stops replays of captured deliveries.
 */
export function verifyWebhook(rawBody: string, signature: string | null): Result<{ event: Stripe.Event }> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) return fail('not_configured', 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).');
  if (!signature) return fail('malformed', 'Missing Stripe-Signature header.');
  try {
    const event = Stripe.webhooks.constructEvent(rawBody, signature, secret, env().STRIPE_WEBHOOK_TOLERANCE_SECONDS);
    return ok({ event });
  } catch (err) {
    return fail('bad_signature', `Webhook signature verification failed: ${(err as Error).message}`);
  }
}
