import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCheckout, makeEvent, parseForm, signedWebhook, startStripeDouble, type StripeDouble } from './stripe-double';

let double: StripeDouble;
let stripe: Stripe;

beforeAll(async () => {
  double = await startStripeDouble();
  stripe = new Stripe('sk_test_double', { host: double.host, port: double.port, protocol: 'http' });
});

afterAll(() => double.stop());

const origin = 'http://kumori.test';

function packSession(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    client_reference_id: 'user-1',
    metadata: { userId: 'user-1', kind: 'pack', credits: '500' },
    payment_intent_data: { metadata: { userId: 'user-1' } },
    line_items: [{ quantity: 2, price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Starter: 500 Kumori credits' } } }],
    success_url: `${origin}/billing/return?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/billing/return?cancelled=1`,
    ...extra,
  };
}

describe('parseForm', () => {
  it('turns bracketed keys into nested objects and indexed keys into arrays', () => {
    const body = parseForm(
      'mode=payment&line_items[0][price_data][unit_amount]=500&line_items[0][quantity]=1&line_items%5B1%5D%5Bprice%5D=price_1' +
        '&metadata[userId]=u%201&metadata[note]=a+b&expand[0]=payments&expand[1]=line_items&tags[]=x&tags[]=y&empty=',
    );
    expect(body).toEqual({
      mode: 'payment',
      line_items: [{ price_data: { unit_amount: '500' }, quantity: '1' }, { price: 'price_1' }],
      metadata: { userId: 'u 1', note: 'a b' },
      expand: ['payments', 'line_items'],
      tags: ['x', 'y'],
      empty: '',
    });
  });

  it('ignores keys that would reach Object.prototype', () => {
    parseForm('__proto__[polluted]=1&a[constructor][prototype][polluted]=1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the real Stripe SDK against the double', () => {
  it('creates and retrieves a customer, sending the secret key and API version', async () => {
    const created = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada', metadata: { userId: 'user-1' } });
    expect(created).toMatchObject({ object: 'customer', email: 'ada@example.com', name: 'Ada', metadata: { userId: 'user-1' }, livemode: false });
    expect(created.id).toMatch(/^cus_/);
    expect(await stripe.customers.retrieve(created.id)).toMatchObject({ id: created.id, email: 'ada@example.com' });

    const sent = double.requests.find((r) => r.method === 'POST' && r.path === '/v1/customers')!;
    expect(sent.authorization).toBe('Bearer sk_test_double');
    expect(sent.headers['stripe-version']).toBe('2026-10-28.endive');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.body).toEqual({ email: 'ada@example.com', name: 'Ada', metadata: { userId: 'user-1' } });
  });

  it('opens a payment-mode checkout session priced from line items', async () => {
    const customer = await stripe.customers.create({ email: 'pay@example.com' });
    const session = await stripe.checkout.sessions.create(packSession({ customer: customer.id }));
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 1000,
      currency: 'usd',
      customer: customer.id,
      client_reference_id: 'user-1',
      metadata: { userId: 'user-1', kind: 'pack', credits: '500' },
      payment_intent: null,
      subscription: null,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${double.url}/pay/${session.id}`);

    const sent = double.requests.findLast((r) => r.path === '/v1/checkout/sessions')!;
    expect(sent.body.line_items).toEqual([{ quantity: '2', price_data: { currency: 'usd', unit_amount: '500', product_data: { name: 'Starter: 500 Kumori credits' } } }]);
    expect(sent.body.payment_intent_data).toEqual({ metadata: { userId: 'user-1' } });

    const read = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expect(read.line_items?.data).toMatchObject([{ description: 'Starter: 500 Kumori credits', quantity: 2, amount_total: 1000 }]);
  });

  it('replays the stored response for a repeated idempotency key', async () => {
    const before = double.checkoutSessions.size;
    const first = await stripe.checkout.sessions.create(packSession(), { idempotencyKey: 'kumori-test-1' });
    const again = await stripe.checkout.sessions.create(packSession(), { idempotencyKey: 'kumori-test-1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(double.checkoutSessions.size).toBe(before + 1);
    await expect(stripe.checkout.sessions.create(packSession({ client_reference_id: 'user-2' }), { idempotencyKey: 'kumori-test-1' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError,
    );
  });

  it('opens a subscription session for a price found by its lookup key', async () => {
    const product = await stripe.products.create({ name: 'Kumori Pro', metadata: { plan: 'pro' } });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 1900, currency: 'usd', recurring: { interval: 'month' }, lookup_key: 'kumori_pro_monthly' });
    const found = await stripe.prices.list({ lookup_keys: ['kumori_pro_monthly'] });
    expect(found).toMatchObject({ object: 'list', has_more: false, url: '/v1/prices' });
    expect(found.data.map((p) => p.id)).toEqual([price.id]);
    expect(found.data[0]).toMatchObject({ recurring: { interval: 'month' }, type: 'recurring', lookup_key: 'kumori_pro_monthly' });

    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      subscription_data: { metadata: { userId: 'user-1', plan: 'pro' } },
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: `${origin}/billing/return?session_id={CHECKOUT_SESSION_ID}`,
    });
    expect(session).toMatchObject({ mode: 'subscription', amount_total: 1900, currency: 'usd', subscription: null });

    const done = completeCheckout(double, session.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: null });
    expect(done.subscription).toMatch(/^sub_/);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', subscription: done.subscription });
  });

  it('refuses a session without success_url, or with an unknown price, as Stripe does', async () => {
    const missing = await stripe.checkout.sessions.create(packSession({ success_url: undefined })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 400, param: 'success_url', message: 'Missing required param: success_url.' });

    const unknownPrice = stripe.checkout.sessions.create(packSession({ line_items: [{ price: 'price_nope', quantity: 1 }] }));
    await expect(unknownPrice).rejects.toThrow("No such price: 'price_nope'");
  });

  it('opens a billing portal session whose page links back', async () => {
    const customer = await stripe.customers.create({ email: 'portal@example.com' });
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: `${origin}/billing` });
    expect(portal).toMatchObject({ object: 'billing_portal.session', customer: customer.id, return_url: `${origin}/billing` });
    expect(portal.url).toBe(`${double.url}/portal/${portal.id}`);
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain('Customer portal (test double)');
    expect(html).toContain(`href="${origin}/billing"`);
  });

  it('serves a checkout page whose Pay link completes the session and returns to success_url', async () => {
    const session = await stripe.checkout.sessions.create(packSession());
    const res = await fetch(session.url!);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<title>Stripe Checkout (test double)</title>');
    expect(html).toContain('$10.00');
    expect(html).toContain('Starter: 500 Kumori credits');
    expect(double.checkoutSessions.get(session.id)?.payment_status).toBe('unpaid');
    const pay = await fetch(`${double.url}/pay/${session.id}/confirm`, { redirect: 'manual' });
    expect(pay.status).toBe(303);
    expect(pay.headers.get('location')).toBe(`${origin}/billing/return?session_id=${session.id}`);
    expect(double.checkoutSessions.get(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: expect.stringMatching(/^pi_/) });
  });

  it('retrieves a seeded invoice, and reports a missing one', async () => {
    double.invoices.set('in_seeded', { id: 'in_seeded', object: 'invoice', amount_paid: 1900, currency: 'usd', status: 'paid' });
    const invoice = await stripe.invoices.retrieve('in_seeded', { expand: ['payments'] });
    expect(invoice).toMatchObject({ id: 'in_seeded', amount_paid: 1900, status: 'paid' });
    expect(double.requests.findLast((r) => r.path === '/v1/invoices/in_seeded')?.body).toEqual({ expand: ['payments'] });
    await expect(stripe.invoices.retrieve('in_missing')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, message: "No such invoice: 'in_missing'" });
  });

  it('rejects a key that is not a secret key', async () => {
    const publishable = new Stripe('pk_test_not_secret', { host: double.host, port: double.port, protocol: 'http' });
    await expect(publishable.customers.create({ email: 'x@example.com' })).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('answers unauthenticated and unknown calls with Stripe error bodies', async () => {
    const anonymous = await fetch(`${double.url}/v1/customers`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.any(String) } });
    const unknown = await fetch(`${double.url}/v1/refunds`, { headers: { Authorization: 'Bearer sk_test_double' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL (GET: /v1/refunds).' } });
  });

  it('signs webhooks that the SDK verifies, and a tampered body fails', async () => {
    const session = await stripe.checkout.sessions.create(packSession());
    const event = makeEvent('checkout.session.completed', completeCheckout(double, session.id));
    const secret = 'whsec_double';
    const { body, header } = signedWebhook(event, secret);

    const verified = stripe.webhooks.constructEvent(body, header, secret);
    expect(verified).toMatchObject({ id: event.id, type: 'checkout.session.completed', data: { object: { id: session.id, payment_status: 'paid' } } });
    expect((verified.data.object as Stripe.Checkout.Session).payment_intent).toMatch(/^pi_/);

    const tampered = body.replace('"paid"', '"unpaid"');
    expect(() => stripe.webhooks.constructEvent(tampered, header, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const stale = signedWebhook(event, secret, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(() => stripe.webhooks.constructEvent(stale.body, stale.header, secret)).toThrow(/tolerance/i);
  });
});
