import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './ssrf-guard';

export const DELIVERY_TIMEOUT_MS = 15_000;

export type PostResult = { status: number; durationMs: number } | { error: string; durationMs: number };

/**
 * POSTs `body` to `url`, connecting to `address` (the one the SSRF guard checked) rather than
 * resolving the host again, so DNS rebinding cannot slip a private address in between; the URL's
 * host still names the Host header and the TLS server name. Redirects are never followed (node's
 * http does not), and the response body is not read: only the status counts, taken as soon as
 * the headers arrive.
 */
export function postWebhook(url: string, address: ResolvedAddress, headers: Record<string, string>, body: string, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { 'content-type': 'application/json', 'user-agent': 'Kumori-Webhooks/1', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        resolve({ status: res.statusCode ?? 0, durationMs: elapsed() });
        res.destroy();
      },
    );
    req.on('error', (err) => {
      const timedOut = err.name === 'AbortError' || err.name === 'TimeoutError';
      resolve({ error: timedOut ? `No answer within ${timeoutMs / 1000} s.` : err.message, durationMs: elapsed() });
    });
    req.end(body);
  });
}
