import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { startStripeDouble, type StripeDouble } from '../../tests/support/stripe-double';

// Payments off (no STRIPE_SECRET_KEY, no webhook secret): nothing may crash, admins grant credits.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let double: StripeDouble;
beforeAll(async () => {
  t = await setupTestEnv();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  double = await startStripeDouble();
});
afterAll(async () => {
  await double?.stop();
  await t?.teardown();
});

async function newUser(email: string) {
  const { signUp } = await import('../auth/users');
  const r = await signUp({ email, password: 'correct horse battery' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

describe('billing without Stripe', () => {
  it('says payments are not configured instead of starting Checkout', async () => {
    const { startPackCheckout, customerPortalUrl } = await import('./checkout');
    const { isPaymentsEnabled } = await import('./stripe');
    const id = await newUser('nopay@example.com');
    expect(isPaymentsEnabled()).toBe(false);
    expect(await startPackCheckout(id, 'starter', 'http://x')).toMatchObject({ ok: false, error: { code: 'not_configured', message: 'Payments are not configured on this server.' } });
    expect(await customerPortalUrl(id, 'http://x')).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  });

  it('answers webhooks 503 until a webhook secret is set', async () => {
    const { POST } = await import('../../app/api/stripe/webhook/route');
    const res = await POST(new Request('http://x/api/stripe/webhook', { method: 'POST', body: '{}', headers: { 'stripe-signature': 't=1,v1=00' } }));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).' });
  });

  it('lets an admin grant and remove credits with a reason, and validates the form', async () => {
    const { adjustCredits } = await import('./admin-grant');
    const { ledgerPage } = await import('./history');
    const admin = { id: await newUser('boss@example.com'), email: 'boss@example.com' };
    const user = await newUser('gift@example.com');
    expect(await adjustCredits(admin, { email: 'GIFT@example.com ', amount: '250', reason: 'Beta tester' })).toEqual({ ok: true, email: 'gift@example.com', balance: 750 });
    expect(await adjustCredits(admin, { email: 'gift@example.com', amount: '-50', reason: 'Correction' })).toMatchObject({ ok: true, balance: 700 });
    expect(await adjustCredits(admin, { email: 'gift@example.com', amount: '0', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await adjustCredits(admin, { email: 'gift@example.com', amount: '1.5', reason: 'Half' })).toMatchObject({ ok: false, error: { message: 'Enter a whole number of credits.' } });
    expect(await adjustCredits(admin, { email: 'nobody@example.com', amount: '5', reason: 'Who' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No account uses nobody@example.com.' } });
    const { rows } = await ledgerPage(user);
    expect(rows.map((r) => [r.kind, r.amount, r.reason, r.balanceAfter])).toEqual([
      ['adjustment', -50, 'Correction', 700],
      ['grant', 250, 'Beta tester', 750],
      ['grant', 500, 'Welcome grant', 500],
    ]);
    const { listAudit } = await import('../audit/audit');
    const audit = await listAudit(t.db, { target: user });
    expect(audit.rows.map((r) => [r.action, r.actorEmail, r.before, r.after])).toEqual([
      ['credits.remove', 'boss@example.com', { email: 'gift@example.com', balance: 750 }, { email: 'gift@example.com', balance: 700, amount: -50, reason: 'Correction' }],
      ['credits.grant', 'boss@example.com', { email: 'gift@example.com', balance: 500 }, { email: 'gift@example.com', balance: 750, amount: 250, reason: 'Beta tester' }],
    ]);
  });

  it('seeds the plans’ prices once, reusing them on a second run', async () => {
    const Stripe = (await import('stripe')).default;
    const { seedPlanPrices } = await import('./seed-prices');
    const stripe = new Stripe('sk_test_seed', { host: double.host, port: double.port, protocol: 'http' });
    const first = await seedPlanPrices(stripe);
    const second = await seedPlanPrices(stripe);
    expect(first.basic.created && first.pro.created).toBe(true);
    expect(second).toEqual({ basic: { id: first.basic.id, created: false }, pro: { id: first.pro.id, created: false } });
    expect(double.prices.get(first.pro.id)).toMatchObject({ unit_amount: 3000, recurring: { interval: 'month' }, lookup_key: 'kumori_plan_pro_monthly' });
  });
});
