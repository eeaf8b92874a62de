import 'server-only';
import Stripe from 'stripe';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../domain/result';
import { env } from '../../env';
import { BODY_LIMITS, readBodyCapped } from '../../http/read-body';

/** What every event has; a signed body that lacks it (`null`, a string, an array) is not an event. */
const eventEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

/**
 * Reads one delivery and checks the Stripe-Signature header against its raw bytes (re-serialised
 * JSON would fail), refusing timestamps older than the tolerance, which stops replays of captured
 * deliveries. What can be refused without the body is refused before a byte of it is read
 * (webhooks not configured, no signature); the body itself is read up to BODY_LIMITS.webhook.
 */
export async function verifyWebhook(req: Request): Promise<Result<{ event: Stripe.Event }>> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) return fail('not_configured', 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).');
  const signature = req.headers.get('stripe-signature');
  if (!signature) return fail('malformed', 'Missing Stripe-Signature header.');
  const body = await readBodyCapped(req, BODY_LIMITS.webhook);
  if (!body.ok) return body;
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(body.bytes, signature, secret, env().STRIPE_WEBHOOK_TOLERANCE_SECONDS);
  } catch (err) {
    // The signature is checked first; a body it covers that is not JSON fails after.
    if (!(err instanceof Stripe.errors.StripeSignatureVerificationError)) return fail('malformed', 'The signed body is not JSON.');
    return fail('bad_signature', `Webhook signature verification failed: ${err.message}`);
  }
  if (!eventEnvelope.safeParse(event).success) return fail('malformed', 'The signed body is not a Stripe event.');
  return ok({ event: event as Stripe.Event });
}
