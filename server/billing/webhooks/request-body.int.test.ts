import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeEvents } from '../../db/billing-schema';
import { startBillingStack, WEBHOOK_SECRET, type BillingStack } from '../../../tests/support/billing-stack';

// The webhook route behind a real HTTP server that hands it the request as Next does (the
// IncomingMessage itself as a streamed body), so what it reads off the socket can be counted.
let s: BillingStack;
let server: http.Server;
let url: string;
const socketBytes: number[] = [];
beforeAll(async () => {
  s = await startBillingStack();
  const { POST } = await import('../../../app/api/stripe/webhook/route');
  server = http.createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const socket = req.socket;
    const init = { method: 'POST', headers, body: req as unknown as BodyInit, duplex: 'half' } as RequestInit;
    const response = await POST(new Request(`http://x${req.url}`, init));
    socketBytes.push(socket.bytesRead);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`;
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await s?.stop();
});

const MB = 1024 * 1024;

/**
 * Posts `total` bytes chunked (no Content-Length), 64 KB at a time, until the server answers;
 * returns the answer and how much the server had read off the socket when it did.
 */
function postChunked(total: number, headers: Record<string, string>) {
  return new Promise<{ status: number; json: unknown; serverRead: number }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'transfer-encoding': 'chunked', ...headers } });
    const chunk = Buffer.alloc(64 * 1024, 0x7b);
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(parts).toString()), serverRead: socketBytes.at(-1)! });
        req.destroy();
      });
    });
    req.on('error', (err) => !answered && reject(err));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('the webhook route reads bodies with a cap', () => {
  it('answers 413 to a chunked body past 1 MB having read about 1 MB of it, not all 64 MB', async () => {
    const r = await postChunked(64 * MB, { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` });
    expect(r.status).toBe(413);
    expect(r.json).toEqual({ error: 'The request body is larger than 1 MB.' });
    expect(r.serverRead).toBeLessThan(1.5 * MB);
  });

  it('answers 400 to an unsigned delivery without reading its body', async () => {
    const r = await postChunked(64 * MB, {});
    expect(r).toMatchObject({ status: 400, json: { error: 'Missing Stripe-Signature header.' } });
    expect(r.serverRead).toBeLessThan(256 * 1024);
  });

  it.each(['null', '"evt"', '[]', '{}', '{"id":"evt_1","type":"x","created":1,"data":null}', 'not json'])(
    'answers 400 to a correctly signed body that is not an event: %s',
    async (body) => {
      const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
      const r = await s.post(body, header);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatch(/^The signed body is not (a Stripe event|JSON)\.$/);
      expect(await s.db.select().from(stripeEvents)).toEqual([]);
    },
  );
});
