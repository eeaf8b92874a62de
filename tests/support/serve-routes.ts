import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
export type RouteTable = Array<{ method: string; pattern: RegExp; handler: Handler; params?: (m: RegExpMatchArray) => Record<string, string | string[]> }>;

/**
 * Several App Router handlers behind one loopback server, with streamed answers (Server-Sent
 * Events arrive as they are written) and the request's signal aborted when the client goes away,
 * as in the real server. What matches no route answers 599 so a wrong table shows at once.
 */
export async function serveRoutes(routes: RouteTable): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const url = `http://${req.headers.host}${req.url}`;
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const request = new Request(url, { method: req.method, headers, body, signal: abort.signal });
    const path = new URL(url).pathname;
    const route = routes.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) {
      res.writeHead(599).end(`no test route for ${req.method} ${path}`);
      return;
    }
    const match = path.match(route.pattern)!;
    const response = await route.handler(request, { params: Promise.resolve(route.params?.(match) ?? {}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).on('error', () => res.destroy()).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
