import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeApi } from './stripe-double/api';
import { parseForm } from './stripe-double/form';
import { routePage } from './stripe-double/pages';
import { newId, stripeError, type DoubleState, type Reply } from './stripe-double/state';

export { completeCheckout, makeEvent, signedWebhook } from './stripe-double/webhooks';
export { parseForm } from './stripe-double/form';
export type { CheckoutSession, StripeObject } from './stripe-double/state';

export type RecordedRequest = {
  method: string;
  path: string;
  /** The form body of a POST, or the query of a GET, parsed into nested objects. */
  body: Record<string, unknown>;
  idempotencyKey?: string;
  authorization?: string;
  headers: http.IncomingHttpHeaders;
};

export type StripeDouble = DoubleState & {
  host: string;
  port: number;
  requests: RecordedRequest[];
  stop(): Promise<void>;
};

/**
 * A local HTTP stand-in for the Stripe endpoints Kumori calls, for the real SDK to reach over the
 * wire: `new Stripe(key, { host: double.host, port: double.port, protocol: 'http' })`.
 */
export async function startStripeDouble(opts: { port?: number } = {}): Promise<StripeDouble> {
  const state: DoubleState = {
    url: '',
    customers: new Map(),
    checkoutSessions: new Map(),
    lineItems: new Map(),
    portalSessions: new Map(),
    products: new Map(),
    prices: new Map(),
    invoices: new Map(),
  };
  const requests: RecordedRequest[] = [];
  const replays = new Map<string, { rawBody: string; reply: Reply }>();

  function answer(method: string, path: string, query: string, rawBody: string, headers: http.IncomingHttpHeaders): Reply & { isReplay?: boolean } {
    const body = parseForm(method === 'GET' ? query : rawBody);
    const idempotencyKey = headers['idempotency-key'] as string | undefined;
    const authorization = headers.authorization;
    requests.push({ method, path, body, idempotencyKey, authorization, headers });
    const page = routePage(state, method, path);
    if (page) return page;
    if (!/^Bearer sk_\S+$/.test(authorization ?? '')) {
      return stripeError(401, 'Invalid API Key provided. Use a secret key starting with sk_.');
    }
    if (method !== 'POST' || !idempotencyKey) return routeApi(state, method, path, body);
    const replayKey = `${path} ${idempotencyKey}`;
    const earlier = replays.get(replayKey);
    if (earlier && earlier.rawBody !== rawBody) {
      return stripeError(400, `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`, { type: 'idempotency_error' });
    }
    if (earlier) return { ...earlier.reply, isReplay: true };
    const reply = routeApi(state, method, path, body);
    // Stripe keeps no result for requests that failed validation, so those may be retried as they are.
    if (reply.status < 400) replays.set(replayKey, { rawBody, reply });
    return reply;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path, query = ''] = (req.url ?? '/').split('?', 2);
      const reply = answer(req.method ?? 'GET', path, query, Buffer.concat(chunks).toString('utf8'), req.headers);
      if ('redirect' in reply) {
        res.writeHead(reply.status, { Location: reply.redirect }).end();
        return;
      }
      const isHtml = 'html' in reply;
      res.writeHead(reply.status, {
        'Content-Type': isHtml ? 'text/html; charset=utf-8' : 'application/json',
        'Request-Id': newId('req_', 14),
        ...(reply.isReplay ? { 'Idempotent-Replayed': 'true' } : {}),
      });
      res.end(isHtml ? reply.html : JSON.stringify(reply.json, null, 2));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const host = '127.0.0.1';
  const port = (server.address() as AddressInfo).port;
  state.url = `http://${host}:${port}`;

  return Object.assign(state, {
    host,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        // The SDK keeps sockets alive between calls; close() alone would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
