import 'server-only';
import Stripe from 'stripe';
import { env } from '../env';
import { processSingleton, replaceProcessSingleton } from '../process-singleton';

function connection(): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const url = env().STRIPE_API_URL;
  if (!url) return {};
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)), protocol: u.protocol === 'https:' ? 'https' : 'http' };
}

/** The Stripe client, or null when STRIPE_SECRET_KEY is not set (payments are then off). */
export function stripeClient(): Stripe | null {
  return processSingleton('stripe', () => {
    const key = env().STRIPE_SECRET_KEY;
    return key ? new Stripe(key, { ...connection(), maxNetworkRetries: 2, appInfo: { name: 'Kumori' } }) : null;
  });
}

export function isPaymentsEnabled(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

/** Tests point the process at another Stripe endpoint after env changes. */
export function resetStripeClient(): void {
  replaceProcessSingleton('stripe', undefined);
}
