import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The client's address as the web process saw it. server/main.ts computes it from the socket
 * (and X-Forwarded-For only behind TRUST_PROXY_HOPS trusted proxies) and sets this header on every
 * request, overwriting whatever a client sent, so nothing downstream ever reads a client's claim.
 */
export const CLIENT_ADDRESS_HEADER = 'x-kumori-client-address';

const normalize = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/**
 * With `hops` trusted proxies in front, each appends the address it received from to
 * X-Forwarded-For, and the last of them is the socket: the client is `hops - 1` entries from the
 * right of the header. With 0 hops the header is the client's own and is ignored.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  const socket = normalize(socketAddress ?? '') || 'unknown';
  if (hops <= 0) return socket;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map(normalize)
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them; the leftmost is the best we know.
  return chain[Math.max(0, chain.length - hops)] ?? socket;
}

/**
 * Puts the resolved address on an incoming request (HTTP or upgrade) as CLIENT_ADDRESS_HEADER,
 * first removing every copy the client sent, from the parsed headers and the raw list alike.
 * server/main.ts calls it before any other listener sees the request.
 */
export function stampClientAddress(req: IncomingMessage, hops: number): string {
  const address = resolveClientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], hops);
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i].toLowerCase() === CLIENT_ADDRESS_HEADER) raw.splice(i, 2);
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  return address;
}

type HeaderBag = Headers | Record<string, unknown> | undefined;

/** The address server/main.ts put on the request; `unknown` outside it (a test calling a route directly). */
export function clientAddressOf(headers: HeaderBag): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' && value ? value : 'unknown';
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two). */
function ipv6Groups(address: string): number[] {
  let a = address.split('%')[0].toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(1).map(Number);
    a = `${a.slice(0, v4.index)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = a.split('::');
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  if (tail === undefined) return h;
  const t = parse(tail);
  return [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/**
 * What a per-address limit counts by: an IPv4 address as is, an IPv6 address by its /64, the
 * smallest block one subscriber is usually given, so a client cannot step through its own
 * addresses to get a fresh allowance with each.
 */
export function addressLimitSubject(address: string): string {
  if (!isIPv6(address.split('%')[0])) return address;
  return `${ipv6Groups(address)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
