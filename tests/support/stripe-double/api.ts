import { createPrice, createProduct, listPrices } from './catalog';
import { createCheckoutSession, retrieveCheckoutSession } from './checkout';
import { missingParam, newId, noSuch, stripeError, unixNow, type DoubleState, type Reply } from './state';

type Params = Record<string, unknown>;

function createCustomer(state: DoubleState, body: Params): Reply {
  const customer = {
    id: newId('cus_', 14),
    object: 'customer',
    balance: 0,
    created: unixNow(),
    email: typeof body.email === 'string' ? body.email : null,
    livemode: false,
    metadata: (body.metadata as Record<string, string>) ?? {},
    name: typeof body.name === 'string' ? body.name : null,
  };
  state.customers.set(customer.id, customer);
  return { status: 200, json: customer };
}

function createPortalSession(state: DoubleState, body: Params): Reply {
  if (typeof body.customer !== 'string' || !body.customer) return missingParam('customer');
  if (!state.customers.has(body.customer)) return noSuch('customer', body.customer, 'customer');
  const id = newId('bps_');
  const session = {
    id,
    object: 'billing_portal.session',
    configuration: 'bpc_double',
    created: unixNow(),
    customer: body.customer,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: typeof body.return_url === 'string' ? body.return_url : null,
    url: `${state.url}/portal/${id}`,
  };
  state.portalSessions.set(id, session);
  return { status: 200, json: session };
}

type Handler = (state: DoubleState, params: Params, id: string) => Reply;

const found = (kind: string, value: unknown, id: string): Reply => (value ? { status: 200, json: value } : noSuch(kind, id));

const routes: Array<[method: string, pattern: RegExp, handler: Handler]> = [
  ['POST', /^\/v1\/customers$/, createCustomer],
  ['GET', /^\/v1\/customers\/([^/]+)$/, (state, _params, id) => found('customer', state.customers.get(id), id)],
  ['POST', /^\/v1\/checkout\/sessions$/, createCheckoutSession],
  ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (state, params, id) => retrieveCheckoutSession(state, id, params)],
  ['POST', /^\/v1\/billing_portal\/sessions$/, createPortalSession],
  ['POST', /^\/v1\/products$/, createProduct],
  ['POST', /^\/v1\/prices$/, createPrice],
  ['GET', /^\/v1\/prices$/, listPrices],
  ['GET', /^\/v1\/invoices\/([^/]+)$/, (state, _params, id) => found('invoice', state.invoices.get(id), id)],
];

/** Answers one `/v1` call; `params` is the form body for POST and the query for GET. */
export function routeApi(state: DoubleState, method: string, path: string, params: Params): Reply {
  for (const [m, pattern, handler] of routes) {
    const match = method === m ? pattern.exec(path) : null;
    if (match) return handler(state, params, decodeURIComponent(match[1] ?? ''));
  }
  return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
}
