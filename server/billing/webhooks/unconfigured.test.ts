import { beforeAll, describe, expect, it } from 'vitest';

// No webhook secret: the route must refuse before reading the body, however large it claims to be.
beforeAll(() => {
  delete process.env.STRIPE_WEBHOOK_SECRET;
});

/** A 64 MB body made only as it is read; `seen.pulled` counts the bytes handed out. */
function lazyBody() {
  const seen = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled >= 64 * 1024 * 1024) return controller.close();
        seen.pulled += chunk.length;
        controller.enqueue(chunk.slice());
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

describe('the webhook route without STRIPE_WEBHOOK_SECRET', () => {
  it('answers 503 before reading a byte of the body', async () => {
    const { POST } = await import('../../../app/api/stripe/webhook/route');
    const { stream, seen } = lazyBody();
    const init = { method: 'POST', body: stream, duplex: 'half', headers: { 'stripe-signature': 't=1,v1=00' } } as RequestInit;
    const res = await POST(new Request('http://x/api/stripe/webhook', init));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).' });
    expect(seen.pulled).toBe(0);
  });
});
