import { seedPlanPrices } from '../server/billing/seed-prices';
import { stripeClient } from '../server/billing/stripe';

// Creates (once) the plans' products and monthly prices in the Stripe account of
// STRIPE_SECRET_KEY and prints the settings that point Kumori at them.
async function main() {
  const stripe = stripeClient();
  if (!stripe) throw new Error('Set STRIPE_SECRET_KEY (a test-mode key, sk_test_…) first.');
  const prices = await seedPlanPrices(stripe);
  for (const [plan, p] of Object.entries(prices)) console.error(`[stripe:seed] ${plan}: ${p.id} (${p.created ? 'created' : 'already there'})`);
  console.log(`STRIPE_PRICE_BASIC=${prices.basic.id}\nSTRIPE_PRICE_PRO=${prices.pro.id}`);
}

main().catch((err) => {
  console.error(`[stripe:seed] failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
