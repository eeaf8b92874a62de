import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { payments, stripeEvents } from '../../db/billing-schema';
import { creditLedger } from '../../db/schema';
import { completeCheckout, makeEvent, startBillingStack, type BillingStack } from '../../../tests/support/billing-stack';

// Stripe's API is not reachable from CI: the real SDK talks to a local HTTP double of it, and
// webhooks carry real signatures made with the SDK, posted over HTTP to the real route handler.
let s: BillingStack;
beforeAll(async () => {
  s = await startBillingStack();
});
afterAll(async () => {
  await s?.stop();
});

const completed = (session: object, opts?: { created?: number; id?: string }) => makeEvent('checkout.session.completed', session, opts);
const paymentOf = async (id: string) => (await s.db.select().from(payments).where(eq(payments.id, id)))[0];

async function paidPack(pack = 'starter') {
  const userId = await s.newUser();
  const sessionId = await s.startPack(userId, pack);
  const session = completeCheckout(s.double, sessionId);
  expect((await s.deliver(completed(session))).status).toBe(200);
  return { userId, session, pi: session.payment_intent as string };
}

const charge = (pi: string, amount: number, refunded: number) => ({ id: `ch_${pi}`, object: 'charge', amount, amount_refunded: refunded, payment_intent: pi, refunded: refunded === amount });

describe('starting Checkout', () => {
  it('creates one customer and a payment-mode session whose metadata names the user and credits', async () => {
    const userId = await s.newUser();
    await s.startPack(userId, 'creator');
    await s.startPack(userId, 'creator');
    const customers = s.double.requests.filter((r) => r.path === '/v1/customers' && (r.body.metadata as { userId?: string })?.userId === userId);
    expect(customers).toHaveLength(1);
    const { c } = await s.customerOf(userId);
    expect(c).toMatch(/^cus_/);
    const sessions = [...s.double.checkoutSessions.values()].filter((x) => x.customer === c);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ mode: 'payment', amount_total: 2000, metadata: { userId, kind: 'pack', pack: 'creator', credits: '5000' } });
    expect(await paymentOf(sessions[0].id)).toMatchObject({ status: 'open', credits: 5000, amount: 2000, userId });
  });

  it('refuses an unknown pack without calling Stripe', async () => {
    const before = s.double.requests.length;
    const r = await s.checkout.startPackCheckout(await s.newUser(), 'mega', 'http://kumori.test');
    expect(r).toEqual({ ok: false, error: { code: 'invalid', message: 'That credit pack does not exist.' } });
    expect(s.double.requests.length).toBe(before + 0);
  });
});

describe('checkout webhooks', () => {
  it('adds a paid pack’s credits and records the event', async () => {
    const { userId, session } = await paidPack();
    expect(await s.balance(userId)).toBe(500 + 1000);
    expect(await paymentOf(session.id)).toMatchObject({ status: 'paid', paymentIntent: session.payment_intent });
    const entries = await s.db.select().from(creditLedger).where(eq(creditLedger.paymentId, session.id));
    expect(entries).toMatchObject([{ kind: 'purchase', amount: 1000, reason: 'Starter credit pack', uniqueKey: `stripe:payment:${session.id}` }]);
  });

  it('rejects a bad signature and a stale timestamp, changing nothing', async () => {
    const userId = await s.newUser();
    const session = completeCheckout(s.double, await s.startPack(userId));
    const event = completed(session);
    const forged = await s.post(JSON.stringify(event), `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`);
    expect(forged.status).toBe(400);
    expect(String(forged.json.error)).toMatch(/signature/i);
    expect((await s.post(JSON.stringify(event), null)).status).toBe(400);
    const stale = await s.deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(400);
    expect(String(stale.json.error)).toMatch(/tolerance/i);
    expect(await s.balance(userId)).toBe(500);
    expect(await s.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(0);
    expect((await paymentOf(session.id)).status).toBe('open');
  });

  it('applies a duplicate delivery once, sequential or concurrent', async () => {
    const userId = await s.newUser();
    const event = completed(completeCheckout(s.double, await s.startPack(userId)));
    const replies = await Promise.all(Array.from({ length: 6 }, () => s.deliver(event)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.filter((r) => r.json.status === 'processed')).toHaveLength(1);
    expect(replies.filter((r) => r.json.status === 'duplicate')).toHaveLength(5);
    expect((await s.deliver(event)).json.status).toBe('duplicate');
    expect(await s.balance(userId)).toBe(1500);
  });

  it('waits for a delayed payment, then adds the credits once', async () => {
    const userId = await s.newUser();
    const session = completeCheckout(s.double, await s.startPack(userId), { paymentStatus: 'unpaid' });
    await s.deliver(completed(session));
    expect((await paymentOf(session.id)).status).toBe('processing');
    expect(await s.balance(userId)).toBe(500);
    await s.deliver(makeEvent('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' }));
    expect((await paymentOf(session.id)).status).toBe('paid');
    expect(await s.balance(userId)).toBe(1500);
  });

  it('handles async success arriving before completed, without going back to processing', async () => {
    const userId = await s.newUser();
    const session = completeCheckout(s.double, await s.startPack(userId), { paymentStatus: 'unpaid' });
    const now = Math.floor(Date.now() / 1000);
    await s.deliver(makeEvent('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' }, { created: now }));
    await s.deliver(completed(session, { created: now - 5 }));
    expect((await paymentOf(session.id)).status).toBe('paid');
    expect(await s.balance(userId)).toBe(1500);
  });

  it('marks a failed delayed payment failed and adds nothing', async () => {
    const userId = await s.newUser();
    const session = completeCheckout(s.double, await s.startPack(userId), { paymentStatus: 'unpaid' });
    await s.deliver(completed(session));
    await s.deliver(makeEvent('checkout.session.async_payment_failed', session));
    expect((await paymentOf(session.id)).status).toBe('failed');
    expect(await s.balance(userId)).toBe(500);
  });

  it('credits a session whose payment row was never written, from its metadata', async () => {
    const userId = await s.newUser();
    const session = completeCheckout(s.double, await s.startPack(userId, 'creator'));
    await s.db.delete(payments).where(eq(payments.id, session.id));
    await s.deliver(completed(session));
    expect(await s.balance(userId)).toBe(5500);
  });

  it('records events it does not act on as ignored', async () => {
    const r = await s.deliver(makeEvent('customer.created', { id: 'cus_x', object: 'customer' }));
    expect(r).toMatchObject({ status: 200, json: { status: 'ignored' } });
  });
});

describe('refunds and disputes', () => {
  it('takes back the credits of a full refund, even into a negative balance', async () => {
    const { userId, pi } = await paidPack();
    await s.ledger.appendEntry(s.db, { userId, kind: 'debit', amount: -1200, reason: 'Spent', uniqueKey: `spent:${userId}` });
    await s.deliver(makeEvent('charge.refunded', charge(pi, 500, 500)));
    expect(await s.balance(userId)).toBe(500 + 1000 - 1200 - 1000);
  });

  it('takes back partial refunds by their cumulative amount, in any order', async () => {
    const { userId, pi } = await paidPack('creator'); // 5000 credits for $20.00
    const half = makeEvent('charge.refunded', charge(pi, 2000, 1000));
    const all = makeEvent('charge.refunded', charge(pi, 2000, 2000));
    await s.deliver(all);
    await s.deliver(half); // late, and already covered
    await s.deliver(all);
    expect(await s.balance(userId)).toBe(500);
    const { userId: u2, pi: pi2 } = await paidPack('creator');
    await s.deliver(makeEvent('charge.refunded', charge(pi2, 2000, 500)));
    expect(await s.balance(u2)).toBe(5500 - 1250);
    await s.deliver(makeEvent('charge.refunded', charge(pi2, 2000, 1000)));
    expect(await s.balance(u2)).toBe(5500 - 2500);
  });

  it('defers a refund that arrives before its payment, and applies it when the payment lands', async () => {
    const userId = await s.newUser();
    const session = completeCheckout(s.double, await s.startPack(userId));
    const early = await s.deliver(makeEvent('charge.refunded', charge(session.payment_intent as string, 500, 500)));
    expect(early.json.status).toBe('deferred');
    expect(await s.balance(userId)).toBe(500);
    await s.deliver(completed(session));
    expect(await s.balance(userId)).toBe(500);
    const entries = await s.db.select().from(creditLedger).where(eq(creditLedger.paymentId, session.id));
    expect(entries.map((e) => [e.kind, e.amount]).sort()).toEqual([['clawback', -1000], ['purchase', 1000]]);
  });

  it('takes back a disputed payment, never more than it added when a refund follows', async () => {
    const { userId, pi } = await paidPack();
    await s.deliver(makeEvent('charge.dispute.created', { id: 'dp_1', object: 'dispute', amount: 500, charge: `ch_${pi}`, payment_intent: pi, status: 'needs_response' }));
    expect(await s.balance(userId)).toBe(500);
    await s.deliver(makeEvent('charge.refunded', charge(pi, 500, 500)));
    expect(await s.balance(userId)).toBe(500);
  });
});
