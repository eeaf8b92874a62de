/** The Stripe settings the e2e server runs with, shared with the specs that deliver webhooks. */
export const E2E_STRIPE = {
  port: Number(process.env.E2E_STRIPE_PORT ?? 3199),
  secretKey: 'sk_test_kumori_e2e',
  webhookSecret: 'whsec_kumori_e2e',
};
export const E2E_STRIPE_URL = `http://127.0.0.1:${E2E_STRIPE.port}`;
