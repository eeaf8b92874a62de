import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type Receipt = { path: string; headers: Record<string, string>; body: string; status: number };

/**
 * A webhook receiver on loopback, as a customer would write one: it keeps every request and
 * answers with what `answer` says for it (200 by default). Tests verify receipts with
 * standardwebhooks, the library receivers use.
 */
export async function startWebhookReceiver(answer: (r: Omit<Receipt, 'status'>, index: number) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 })) {
  const receipts: Receipt[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const got = { path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
    const reply = answer(got, receipts.length);
    receipts.push({ ...got, status: reply.status });
    res.writeHead(reply.status, reply.headers ?? {});
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    receipts,
    /** Throws unless the receipt's signature verifies under `secret` (and its timestamp is fresh). */
    verify: (r: Receipt, secret: string) => new Webhook(secret).verify(r.body, r.headers) as { type: string; timestamp: string; data: Record<string, unknown> },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
