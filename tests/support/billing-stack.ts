import { eq } from 'drizzle-orm';
import { setupTestEnv } from '../../server/testing/test-env';
import { users } from '../../server/db/schema';
import { serveRoute } from './serve-route';
import { makeEvent, signedWebhook, startStripeDouble, type StripeDouble } from './stripe-double';

export const WEBHOOK_SECRET = 'whsec_kumori_test_secret';

/**
 * Billing under test: a private database, the real `stripe` SDK pointed at the local Stripe
 * double over HTTP (Stripe's API is not reachable from CI), and the real webhook route served
 * over HTTP, to which events signed with the SDK's test-header helper are posted.
 */
export async function startBillingStack() {
  const t = await setupTestEnv();
  const double = await startStripeDouble();
  const stripeForSetup = new (await import('stripe')).default('sk_test_setup', { host: double.host, port: double.port, protocol: 'http' });
  const prices: Record<'basic' | 'pro', string> = { basic: '', pro: '' };
  for (const plan of ['basic', 'pro'] as const) {
    const product = await stripeForSetup.products.create({ name: `Kumori ${plan}` });
    const price = await stripeForSetup.prices.create({ product: product.id, unit_amount: plan === 'basic' ? 1000 : 3000, currency: 'usd', recurring: { interval: 'month' } });
    prices[plan] = price.id;
  }
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: 'sk_test_kumori',
    STRIPE_API_URL: double.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_PRICE_BASIC: prices.basic,
    STRIPE_PRICE_PRO: prices.pro,
  });
  const route = await import('../../app/api/stripe/webhook/route');
  const server = await serveRoute(route.POST);
  const checkout = await import('../../server/billing/checkout');
  const ledger = await import('../../server/billing/ledger');
  const { signUp } = await import('../../server/auth/users');

  let n = 0;
  async function newUser(): Promise<string> {
    const r = await signUp({ email: `buyer${n++}@example.com`, password: 'correct horse battery' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  }

  async function post(body: string, header: string | null) {
    const res = await fetch(`${server.url}/api/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header ? { 'stripe-signature': header } : {}) },
      body,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  /** Signs and posts a Stripe event to the running route, as Stripe delivers it. */
  function deliver(event: ReturnType<typeof makeEvent>, opts: { timestamp?: number } = {}) {
    const { body, header } = signedWebhook(event, WEBHOOK_SECRET, opts);
    return post(body, header);
  }

  async function balance(userId: string) {
    return ledger.balanceOf(t.db, userId);
  }

  async function customerOf(userId: string) {
    const [u] = await t.db.select({ c: users.stripeCustomerId, plan: users.plan }).from(users).where(eq(users.id, userId));
    return u;
  }

  /** Starts Checkout for a pack through the app's own code and returns the double's session id. */
  async function startPack(userId: string, pack = 'starter'): Promise<string> {
    const r = await checkout.startPackCheckout(userId, pack, 'http://kumori.test');
    if (!r.ok) throw new Error(r.error.message);
    return r.url.split('/').pop()!;
  }

  async function startPlan(userId: string, plan: 'basic' | 'pro'): Promise<string> {
    const r = await checkout.startPlanCheckout(userId, plan, 'http://kumori.test');
    if (!r.ok) throw new Error(r.error.message);
    return r.url.split('/').pop()!;
  }

  return {
    t,
    db: t.db,
    double,
    prices,
    deliver,
    post,
    balance,
    customerOf,
    newUser,
    startPack,
    startPlan,
    checkout,
    ledger,
    async stop() {
      await server.close();
      await double.stop();
      await t.teardown();
    },
  };
}

export type BillingStack = Awaited<ReturnType<typeof startBillingStack>>;
export { makeEvent, completeCheckout } from './stripe-double';
export type { StripeDouble };
