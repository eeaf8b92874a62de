/**
 * The client's address as the web process saw it. server/main.ts computes it from the socket
 * (and X-Forwarded-For only behind TRUST_PROXY_HOPS trusted proxies) and sets this header on every
 * request, overwriting whatever a client sent, so nothing downstream ever reads a client's claim.
 */
export const CLIENT_ADDRESS_HEADER = 'x-kumori-client-address';

const normalize = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

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

type HeaderBag = Headers | Record<string, unknown> | undefined;

/** The address server/main.ts put on the request; `unknown` outside it (a test calling a route directly). */
export function clientAddressOf(headers: HeaderBag): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' && value ? value : 'unknown';
}
