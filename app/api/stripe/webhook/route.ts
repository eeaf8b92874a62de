import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { httpStatusOf } from '@/domain/error-codes';
import { processStripeEvent } from '@/server/billing/webhooks/process-event';
import { verifyWebhook } from '@/server/billing/webhooks/verify';

export const dynamic = 'force-dynamic';

/**
 * Stripe retries a delivery that does not get a 2xx, for days: so only a bad signature or an
 * outage answers non-2xx. An event whose object Kumori cannot read is answered 400 and logged.
 */
export async function POST(req: Request) {
  const verified = await verifyWebhook(req);
  if (!verified.ok) return NextResponse.json({ error: verified.error.message }, { status: httpStatusOf(verified.error.code) });
  try {
    const result = await processStripeEvent(verified.event);
    return NextResponse.json({ received: true, ...result });
  } catch (err) {
    if (err instanceof ZodError) {
      console.error(`[stripe] ${verified.event.type} ${verified.event.id} has an unexpected shape: ${err.message}`);
      return NextResponse.json({ error: 'Unexpected event shape.' }, { status: 400 });
    }
    console.error(`[stripe] ${verified.event.type} ${verified.event.id} failed: ${(err as Error).message}`);
    return NextResponse.json({ error: 'Could not process the event; Stripe will retry.' }, { status: 500 });
  }
}
