import { buildPrice } from './catalog';
import {
  list,
  missingParam,
  newId,
  noSuch,
  stripeError,
  unixNow,
  type CheckoutSession,
  type DoubleState,
  type LineItem,
  type Reply,
} from './state';

type Params = Record<string, unknown>;

type LineItemResult = { ok: true; item: LineItem; isRecurring: boolean } | { ok: false; reply: Reply };

function resolveLineItem(state: DoubleState, raw: Params, param: string): LineItemResult {
  let price;
  let name: string;
  if (typeof raw.price === 'string') {
    price = state.prices.get(raw.price);
    if (!price) return { ok: false, reply: noSuch('price', raw.price, `${param}[price]`) };
    name = String(state.products.get(String(price.product))?.name ?? '');
  } else if (raw.price_data && typeof raw.price_data === 'object') {
    const built = buildPrice(state, raw.price_data as Params, `${param}[price_data]`);
    if (!built.ok) return built;
    ({ price, productName: name } = built);
  } else {
    return { ok: false, reply: stripeError(400, 'You must specify either `price` or `price_data` in each line item.', { param }) };
  }
  const quantity = raw.quantity === undefined ? 1 : Number(raw.quantity);
  const amount = Number(price.unit_amount) * quantity;
  const item: LineItem = {
    id: newId('li_'),
    object: 'item',
    amount_subtotal: amount,
    amount_total: amount,
    currency: String(price.currency),
    description: name,
    price,
    quantity,
  };
  return { ok: true, item, isRecurring: price.recurring !== null };
}

export function createCheckoutSession(state: DoubleState, body: Params): Reply {
  const mode = body.mode;
  if (!mode) return missingParam('mode');
  if (mode !== 'payment' && mode !== 'subscription') return stripeError(400, `Invalid mode: ${String(mode)}`, { param: 'mode' });
  if (!body.success_url) return missingParam('success_url');
  const customer = typeof body.customer === 'string' ? body.customer : null;
  if (customer && !state.customers.has(customer)) return noSuch('customer', customer, 'customer');
  const rawItems = Array.isArray(body.line_items) ? (body.line_items as Params[]) : [];
  if (rawItems.length === 0) return missingParam('line_items');
  const items: LineItem[] = [];
  let hasRecurring = false;
  for (const [i, raw] of rawItems.entries()) {
    const resolved = resolveLineItem(state, raw, `line_items[${i}]`);
    if (!resolved.ok) return resolved.reply;
    items.push(resolved.item);
    hasRecurring ||= resolved.isRecurring;
  }
  if (mode === 'subscription' && !hasRecurring) {
    return stripeError(400, 'You must provide at least one recurring price in `subscription` mode when using prices.', { param: 'line_items' });
  }
  if (mode === 'payment' && hasRecurring) {
    return stripeError(400, 'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.', { param: 'line_items' });
  }
  const id = newId('cs_test_', 58);
  const created = unixNow();
  const total = items.reduce((sum, item) => sum + item.amount_total, 0);
  const session: CheckoutSession = {
    id,
    object: 'checkout.session',
    amount_subtotal: total,
    amount_total: total,
    cancel_url: typeof body.cancel_url === 'string' ? body.cancel_url : null,
    client_reference_id: typeof body.client_reference_id === 'string' ? body.client_reference_id : null,
    created,
    currency: items[0].currency,
    customer,
    expires_at: created + 24 * 3600,
    invoice: null,
    livemode: false,
    metadata: (body.metadata as Record<string, string>) ?? {},
    mode,
    payment_intent: null,
    payment_status: 'unpaid',
    status: 'open',
    subscription: null,
    success_url: String(body.success_url),
    ui_mode: 'hosted',
    url: `${state.url}/pay/${id}`,
  };
  state.checkoutSessions.set(id, session);
  state.lineItems.set(id, items);
  return { status: 200, json: expandSession(state, session, body.expand) };
}

export function retrieveCheckoutSession(state: DoubleState, id: string, query: Params): Reply {
  const session = state.checkoutSessions.get(id);
  if (!session) return noSuch('checkout.session', id);
  return { status: 200, json: expandSession(state, session, query.expand) };
}

function expandSession(state: DoubleState, session: CheckoutSession, expand: unknown) {
  if (!Array.isArray(expand) || !expand.includes('line_items')) return session;
  return { ...session, line_items: list(state.lineItems.get(session.id) ?? [], `/v1/checkout/sessions/${session.id}/line_items`) };
}
