import { list, missingParam, newId, noSuch, stripeError, unixNow, type DoubleState, type Reply, type StripeObject } from './state';

type Params = Record<string, unknown>;

export type PriceResult = { ok: true; price: StripeObject; productName: string } | { ok: false; reply: Reply };

export function createProduct(state: DoubleState, body: Params): Reply {
  if (!body.name) return missingParam('name');
  const product = makeProduct(state, String(body.name), (body.metadata as Record<string, string>) ?? {});
  return { status: 200, json: product };
}

function makeProduct(state: DoubleState, name: string, metadata: Record<string, string>): StripeObject {
  const product = { id: newId('prod_', 14), object: 'product', active: true, name, metadata, created: unixNow(), livemode: false };
  state.products.set(product.id, product);
  return product;
}

/**
 * Builds a price from `prices.create` params or a line item's `price_data` (same shape), under
 * `param` for error messages. Checkout's inline prices are not listed, as in Stripe.
 */
export function buildPrice(state: DoubleState, p: Params, param = ''): PriceResult {
  const at = (name: string) => (param ? `${param}[${name}]` : name);
  const fail = (reply: Reply): PriceResult => ({ ok: false, reply });
  if (!p.currency) return fail(missingParam(at('currency')));
  const unitAmount = Number(p.unit_amount);
  if (p.unit_amount === undefined) return fail(missingParam(at('unit_amount')));
  if (!Number.isInteger(unitAmount) || unitAmount < 0) return fail(stripeError(400, `Invalid integer: ${String(p.unit_amount)}`, { param: at('unit_amount') }));
  let product: StripeObject | undefined;
  const productData = p.product_data as Params | undefined;
  if (typeof p.product === 'string') {
    product = state.products.get(p.product);
    if (!product) return fail(noSuch('product', p.product, at('product')));
  } else if (productData?.name) {
    product = makeProduct(state, String(productData.name), (productData.metadata as Record<string, string>) ?? {});
  } else {
    return fail(stripeError(400, 'You must specify either `product` or `product_data` when creating a price.', { param: at('product') }));
  }
  const recurring = p.recurring as Params | undefined;
  const price: StripeObject = {
    id: newId('price_'),
    object: 'price',
    active: true,
    currency: String(p.currency).toLowerCase(),
    unit_amount: unitAmount,
    product: product.id,
    type: recurring ? 'recurring' : 'one_time',
    recurring: recurring ? { interval: recurring.interval, interval_count: Number(recurring.interval_count ?? 1), usage_type: 'licensed' } : null,
    lookup_key: null,
    metadata: (p.metadata as Record<string, string>) ?? {},
    created: unixNow(),
    livemode: false,
  };
  return { ok: true, price, productName: String(product.name) };
}

export function createPrice(state: DoubleState, body: Params): Reply {
  const built = buildPrice(state, body);
  if (!built.ok) return built.reply;
  const lookupKey = typeof body.lookup_key === 'string' ? body.lookup_key : null;
  if (lookupKey) {
    const holder = [...state.prices.values()].find((p) => p.lookup_key === lookupKey);
    // Stripe refuses a taken lookup key unless told to move it, so a seed script run twice must say so.
    if (holder && body.transfer_lookup_key !== 'true') {
      return stripeError(400, `A price (\`${holder.id}\`) already uses that lookup key.`, { param: 'lookup_key' });
    }
    if (holder) state.prices.set(holder.id, { ...holder, lookup_key: null });
  }
  const price = { ...built.price, lookup_key: lookupKey };
  state.prices.set(price.id, price);
  return { status: 200, json: price };
}

export function listPrices(state: DoubleState, query: Params): Reply {
  const keys = Array.isArray(query.lookup_keys) ? query.lookup_keys : null;
  const data = [...state.prices.values()]
    .filter((p) => !keys || keys.includes(p.lookup_key))
    .filter((p) => !query.product || p.product === query.product)
    .reverse();
  return { status: 200, json: list(data, '/v1/prices') };
}
