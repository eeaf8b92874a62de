import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditLedger } from '../../db/schema';
import { completeCheckout, makeEvent, startBillingStack, type BillingStack } from '../../../tests/support/billing-stack';

// The real SDK against a local HTTP double of Stripe's API (unreachable from CI); signed
// webhooks posted over HTTP to the real route handler.
let s: BillingStack;
beforeAll(async () => {
  s = await startBillingStack();
});
afterAll(async () => {
  await s?.stop();
});

const now = () => Math.floor(Date.now() / 1000);

function subscription(id: string, customer: string, price: string, status = 'active', userId?: string) {
  return { id, object: 'subscription', customer, status, items: { object: 'list', data: [{ id: `si_${id}`, price: { id: price } }] }, metadata: userId ? { userId } : {} };
}

/** An invoice as the endive API sends it: no payment_intent field, the price under pricing. */
function invoice(id: string, customer: string, price: string, amount: number, subscriptionId: string) {
  return {
    id,
    object: 'invoice',
    customer,
    amount_paid: amount,
    currency: 'usd',
    status: 'paid',
    lines: { object: 'list', data: [{ id: `il_${id}`, pricing: { type: 'price_details', price_details: { price, product: 'prod_x' } }, metadata: {} }] },
    parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId, metadata: {} } },
  };
}

async function subscribed(plan: 'basic' | 'pro' = 'basic') {
  const userId = await s.newUser();
  const session = completeCheckout(s.double, await s.startPlan(userId, plan));
  await s.deliver(makeEvent('checkout.session.completed', session));
  const { c: customer } = await s.customerOf(userId);
  return { userId, customer: customer!, sub: session.subscription as string };
}

describe('subscriptions', () => {
  it('starts a subscription-mode Checkout for the plan’s price', async () => {
    const userId = await s.newUser();
    const id = await s.startPlan(userId, 'pro');
    expect(s.double.checkoutSessions.get(id)).toMatchObject({ mode: 'subscription', metadata: { userId, kind: 'plan', plan: 'pro' } });
    const create = s.double.requests.findLast((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST');
    expect(create?.body).toMatchObject({ line_items: [{ price: s.prices.pro, quantity: '1' }], subscription_data: { metadata: { plan: 'pro' } } });
  });

  it('moves the user to the plan when Checkout completes; credits come with the invoice', async () => {
    const { userId } = await subscribed('basic');
    expect((await s.customerOf(userId)).plan).toBe('basic');
    expect(await s.balance(userId)).toBe(500);
  });

  it('adds each paid invoice’s monthly credits once, finding its payment intent through the API', async () => {
    const { userId, customer, sub } = await subscribed('basic');
    const inv = invoice('in_month1', customer, s.prices.basic, 1000, sub);
    s.double.invoices.set(inv.id, { ...inv, payments: { object: 'list', data: [{ id: 'inpay_1', payment: { type: 'payment_intent', payment_intent: 'pi_month1' } }] } });
    const event = makeEvent('invoice.paid', inv);
    await s.deliver(event);
    await s.deliver(event);
    await s.deliver(makeEvent('invoice.paid', inv)); // the same invoice under another event id
    expect(await s.balance(userId)).toBe(500 + 3000);
    const retrieve = s.double.requests.find((r) => r.method === 'GET' && r.path === `/v1/invoices/${inv.id}`);
    expect(retrieve?.body).toMatchObject({ expand: ['payments'] });
    // A refund of that month's charge takes its credits back.
    await s.deliver(makeEvent('charge.refunded', { id: 'ch_m1', object: 'charge', amount: 1000, amount_refunded: 1000, payment_intent: 'pi_month1' }));
    expect(await s.balance(userId)).toBe(500);
    const kinds = (await s.db.select().from(creditLedger).where(eq(creditLedger.paymentId, inv.id))).map((e) => e.kind).sort();
    expect(kinds).toEqual(['clawback', 'subscription']);
  });

  it('follows plan changes and ignores an older event that arrives late', async () => {
    const { userId, customer, sub } = await subscribed('basic');
    const t = now();
    await s.deliver(makeEvent('customer.subscription.updated', subscription(sub, customer, s.prices.pro), { created: t + 10 }));
    expect((await s.customerOf(userId)).plan).toBe('pro');
    const late = await s.deliver(makeEvent('customer.subscription.updated', subscription(sub, customer, s.prices.basic), { created: t + 5 }));
    expect(late.json.status).toBe('processed');
    expect((await s.customerOf(userId)).plan).toBe('pro');
  });

  it('drops to Free when the subscription ends, and a late update cannot revive it', async () => {
    const { userId, customer, sub } = await subscribed('pro');
    const t = now();
    await s.deliver(makeEvent('customer.subscription.deleted', subscription(sub, customer, s.prices.pro, 'canceled'), { created: t + 20 }));
    expect((await s.customerOf(userId)).plan).toBe('free');
    await s.deliver(makeEvent('customer.subscription.updated', subscription(sub, customer, s.prices.pro, 'active'), { created: t + 30 }));
    expect((await s.customerOf(userId)).plan).toBe('free');
  });

  it('keeps the plan while a renewal is retried, and drops it when unpaid', async () => {
    const { userId, customer, sub } = await subscribed('basic');
    const t = now();
    await s.deliver(makeEvent('customer.subscription.updated', subscription(sub, customer, s.prices.basic, 'past_due'), { created: t + 10 }));
    expect((await s.customerOf(userId)).plan).toBe('basic');
    await s.deliver(makeEvent('customer.subscription.updated', subscription(sub, customer, s.prices.basic, 'unpaid'), { created: t + 20 }));
    expect((await s.customerOf(userId)).plan).toBe('free');
  });

  it('ignores subscriptions of customers that are not Kumori users', async () => {
    const r = await s.deliver(makeEvent('customer.subscription.updated', subscription('sub_stranger', 'cus_stranger', s.prices.pro)));
    expect(r.json).toMatchObject({ status: 'ignored' });
  });
});
