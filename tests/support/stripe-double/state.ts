import { randomInt } from 'node:crypto';

export type StripeObject = { id: string; object: string; [field: string]: unknown };

export type CheckoutSession = StripeObject & {
  object: 'checkout.session';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  mode: 'payment' | 'subscription';
  amount_total: number;
  currency: string;
  customer: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  url: string | null;
  payment_intent: string | null;
  subscription: string | null;
  success_url: string;
  cancel_url: string | null;
};

export type LineItem = StripeObject & { description: string; quantity: number; amount_total: number; currency: string };

export type Reply = { status: number; json: unknown } | { status: number; html: string } | { status: number; redirect: string };

export type DoubleState = {
  url: string;
  customers: Map<string, StripeObject>;
  checkoutSessions: Map<string, CheckoutSession>;
  /** Line items per session: Stripe leaves them off the session unless `expand[]=line_items`. */
  lineItems: Map<string, LineItem[]>;
  portalSessions: Map<string, StripeObject>;
  products: Map<string, StripeObject>;
  prices: Map<string, StripeObject>;
  invoices: Map<string, StripeObject>;
};

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function newId(prefix: string, length = 24): string {
  let id = prefix;
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Stripe's error body: the SDK picks its error class from the status and `type`. */
export function stripeError(status: number, message: string, extra: { param?: string; code?: string; type?: string } = {}): Reply {
  return { status, json: { error: { type: 'invalid_request_error', message, ...extra } } };
}

export function noSuch(kind: string, id: string, param = 'id'): Reply {
  return stripeError(param === 'id' ? 404 : 400, `No such ${kind}: '${id}'`, { param, code: 'resource_missing' });
}

export function missingParam(param: string): Reply {
  return stripeError(400, `Missing required param: ${param}.`, { param, code: 'parameter_missing' });
}

export function list(data: unknown[], url: string) {
  return { object: 'list', data, has_more: false, url };
}
